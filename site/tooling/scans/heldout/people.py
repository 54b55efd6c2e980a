"""How people fill a sheet: one answer per single-choice question, several for multiple choice, some
questions left blank, sections behind a condition mostly skipped, a pen per sheet, a mark style per box,
now and then a scribbled-out correction with another box ticked instead."""

from tooling.scans.heldout.ink import PEN_WEIGHTS

SHAPES = {"cross": 0.42, "tick": 0.31, "fill": 0.07, "overshoot": 0.12, "dot": 0.04, "circle": 0.04}


def _choice(rng, weights):
    names = list(weights)
    total = sum(weights.values())
    return names[int(rng.choice(len(names), p=[weights[n] / total for n in names]))]


def fill_sheet(groups, rng, kind):
    """-> {"pen": name, "boxes": {anchor: {"shape", "truth", "ambiguous"}}, "digits": [anchors], "other": [anchors]}"""
    pen = _choice(rng, PEN_WEIGHTS)
    plan, digits, other, ranking = {}, [], [], []
    chosen_labels = {}
    for group in groups:
        anchors = group.anchors
        if group.kind == "ranking":
            ranking += anchors
            digits += [a for a in anchors if rng.random() < 0.6]
            continue
        if group.kind in ("consent", "follow"):  # most tick consent; some ask to be kept informed
            if rng.random() < (0.9 if group.kind == "consent" else 0.3):
                plan[anchors[0]] = _mark(rng)
            continue
        p_answer = 0.93 if group.required else 0.72
        if group.condition:
            key, answer = group.condition
            if (chosen_labels.get(key) or "").casefold() != answer.casefold():
                p_answer = 0.08  # "only if you answered ..." - most people skip it
        if kind == "idea" and group.id == "district":
            p_answer = 0.6
        if rng.random() >= p_answer:
            continue
        if group.kind == "multiple":
            most = min(len(anchors), group.max_choices or len(anchors))
            count = int(rng.integers(1, most + 1))
            picked = list(rng.choice(anchors, count, replace=False))
        else:
            picked = [anchors[int(rng.integers(len(anchors)))]]
        for anchor in picked:
            plan[anchor] = _mark(rng)
            if anchor.endswith("-other"):
                other.append(anchor)
        if len(picked) > 1:  # a blob beside crosses: the form says "fill the box completely" to take back
            for anchor in picked:
                if plan[anchor]["shape"] == "fill":
                    plan[anchor]["ambiguous"] = True
        chosen_labels[group.key or group.id] = group.labels.get(picked[0], "")
        rest = [a for a in anchors if a not in picked]
        if rest and rng.random() < 0.06:  # ticked the wrong box first, then scribbled it out
            wrong = rest[int(rng.integers(len(rest)))]
            plan[wrong] = {"shape": "scribble_out", "truth": "empty", "ambiguous": False}
    return {"pen": pen, "boxes": plan, "digits": digits, "other": other, "ranking": ranking}


def _mark(rng):
    shape = _choice(rng, SHAPES)
    return {"shape": shape, "truth": "ticked", "ambiguous": shape in ("dot", "circle")}
