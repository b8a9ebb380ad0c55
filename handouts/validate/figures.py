"""A topic's figures: each checked and drawn, each problem reported where it is written.

The field converter has read each entry (step, caption, alt, pose or svg); what it cannot
check, ``figures.resolve`` does: the step exists, one of pose and svg, the pose is known,
the SVG file is in the content folder and safe to draw. The drawing made here is kept on
the model (``Figure.picture``), so the build's cache key follows an edited SVG.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from handouts.figures.resolve import Entry, resolve
from handouts.model import Topic
from handouts.validate.convert import Converter


def draw_figures(conv: Converter, topic: Topic, content_dir: Path) -> Topic:
    """Return the topic with each figure's picture drawn; report each figure's problems."""
    figures = []
    for index, figure in enumerate(topic.figures):
        entry = Entry(figure.step, figure.alt, figure.pose, figure.svg)
        picture, problems = resolve(entry, len(topic.steps), content_dir)
        for name, message in problems:
            path = f"figures[{index}]" + (f".{name}" if name else "")
            conv.report(conv.nodes[path], path, message)
        figures.append(replace(figure, picture=picture))
    return replace(topic, figures=tuple(figures))
