"""Rubric downloads: Canvas's rubric-import CSV and the normalised JSON."""

from __future__ import annotations

import csv
import io
import json

from coachfolio.core.rubrics import Rubric, tidy_number

CANVAS_HEADER = ["Rubric Name", "Criteria Name", "Criteria Description", "Criteria Enable Range"]
CANVAS_RATING_HEADER = ["Rating Name", "Rating Description", "Rating Points"]


def canvas_csv(rubric: Rubric) -> str:
    """The rubric in the layout Canvas imports: one row per criterion.

    Canvas lists ratings from the highest points down and has no criterion
    weights, so a weighted criterion's points are multiplied by its weight. An
    unscored rubric exports every rating at 0 points, since Canvas needs a number.
    """
    levels = rubric.levels_by_points()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CANVAS_HEADER + CANVAS_RATING_HEADER * len(levels))
    for criterion in rubric.criteria:
        row = [rubric.title, criterion.title, criterion.description.strip(), "false"]
        for level in levels:
            points = tidy_number(level.points * criterion.weight) if level.points is not None else 0
            row += [level.label, criterion.descriptors[level.label].strip(), str(points)]
        writer.writerow(row)
    return out.getvalue()


def rubric_json(rubric: Rubric) -> str:
    """The normalised rubric as JSON; it is itself a valid rubric source file."""
    return json.dumps(rubric.to_data(), ensure_ascii=False, indent=2) + "\n"
