"""Speeds the content writes, in the clinic's unit: mph, or km/h when the branding says metric.

A curator writes a speed as the article gives it (``0.5–1.0 mph``); a clinic whose branding
says ``units: metric`` reads ``0.8–1.6 km/h`` in every document and language, and a US
clinic reads mph where content gives km/h. Each number is converted and rounded to a tenth,
as a treadmill's display shows it, and written as the language writes numbers; the unit's
name in words (``millas por hora``) follows it, from the catalogue.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from decimal import ROUND_HALF_UP, Decimal

from handouts.locale import Catalogue
from handouts.model import Content, Program, Topic
from handouts.outline.words import KM_PER_MILE
from handouts.translations.english import english_texts, rebuild

_NUMBER = r"\d+(?:[.,]\d+)?"
_SPEED = re.compile(
    rf"(?<![\w.,])(?P<low>{_NUMBER})(?:(?P<dash>\s*[–-]\s*)(?P<high>{_NUMBER}))?"
    r"(?P<space>\s*)(?P<unit>mph|km/h)(?!\w)"
)
"""A speed as content writes it: ``1.5 mph``, ``0.5–1.0 mph``, ``2,4 km/h``."""


def to_unit(value: Decimal, metric: bool) -> Decimal:
    """Convert a speed from the other unit into the clinic's, rounded to a tenth."""
    converted = value * KM_PER_MILE if metric else value / KM_PER_MILE
    return converted.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def speeds(text: str, cat: Catalogue) -> str:
    """Return a text with every speed in the clinic's unit (``cat.metric``), its name too."""
    wanted = "km/h" if cat.metric else "mph"

    def convert(match: re.Match[str]) -> str:
        if match["unit"] == wanted:
            return match[0]
        numbers = [
            cat.number(to_unit(Decimal(n.replace(",", ".")), cat.metric))
            for n in (match["low"], match["high"])
            if n is not None
        ]
        key = "unit.kmh" if cat.metric else "unit.mph"
        return cat.text(key, n=(match["dash"] or "").join(numbers))

    converted = _SPEED.sub(convert, text)
    if converted == text:
        return text
    old, new = ("unit.mph_name", "unit.kmh_name")[:: 1 if cat.metric else -1]
    return re.sub(rf"(?<!\w){re.escape(cat.text(old))}(?!\w)", cat.text(new), converted)


def _in_units(value: Topic | Program, cat: Catalogue) -> Topic | Program:
    texts = {path: english.text for path, english in english_texts(value).items()}
    converted = {path: speeds(text, cat) for path, text in texts.items()}
    if converted == texts:
        return value
    return typing.cast("Topic | Program", rebuild(value, "", converted))


def in_units(content: Content, cat: Catalogue) -> Content:
    """Return the content with every speed its texts write in the clinic's unit.

    The same object when nothing changes (a US clinic's content in mph).
    """
    topics = tuple(typing.cast(Topic, _in_units(t, cat)) for t in content.topics)
    program = typing.cast(Program, _in_units(content.program, cat))
    if program is content.program and all(
        a is b for a, b in zip(topics, content.topics, strict=True)
    ):
        return content
    return dataclasses.replace(content, topics=topics, program=program)
