"""The Digitalblog's editorial workflow: an editor submits, a second editor approves."""

WORKFLOW_NAME = "Digitalblog: Vier-Augen-Freigabe"
TASK_NAME = "Freigabe durch zweite Person der Redaktion"
