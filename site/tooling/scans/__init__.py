"""The scan reader's benchmarks: synthetic pages for tuning (`synth`, `bench`: `manage.py scan_benchmark`) and the
held-out pages made by an independent generator (`heldout`, `heldout_bench`: `manage.py scan_heldout_benchmark`,
part of `make bench`). Not part of the site: the reader and the import pipeline live in participation."""
