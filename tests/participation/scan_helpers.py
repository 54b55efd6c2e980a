"""Filled, scanned stacks of real numbered sheets, with the truth of every box."""

import io

import numpy as np
from PIL import Image

from participation.paper.models import PrintBatch
from participation.paper.tasks import render_print_batch
from participation.surveys.questions import all_questions
from tooling.scans.synth import decode, degrade, fill, render


def filled_stack(survey, sheets, seed=5):
    """A multi-page TIFF of `sheets` filled numbered sheets, and the truth per (serial, page)."""
    batch = PrintBatch.objects.create(survey=survey, count=sheets)
    render_print_batch(batch.pk)
    batch.refresh_from_db()
    version = batch.form_version
    kinds = {q.id: q.kind for q in all_questions(survey)}
    rng = np.random.default_rng(seed)
    with batch.file.open("rb") as handle:
        pdf = handle.read()
    frames, truth = [], {}
    serials = list(batch.sheets.order_by("serial").values_list("serial", flat=True))
    for index in range(sheets * version.page_count):
        image = render(pdf, index, 200)
        page = index % version.page_count + 1
        ticked, written = fill(image, version.layout[f"page-{page}"], 200, kinds, rng, harsh=False)
        jpeg, _cut = degrade(image, 200, rng, harsh=False)
        frames.append(Image.fromarray(decode(jpeg)))
        truth[(serials[index // version.page_count], page)] = (ticked, written)
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buffer.getvalue(), truth, version
