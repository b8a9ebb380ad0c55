"""What a document in one language is made of: the content in it, and the tool's own words.

A build in Spanish reads the content's Spanish translation (``handouts.translations``) and
the Spanish catalogue (``handouts.locale``), written with the clinic's language tag and
units. Output names show the language where two files could share a name: a topic's Spanish
handout is ``backward-walking-es.pdf`` beside the English ``backward-walking.pdf``, and an
English and Spanish file back to back is ``backward-walking-en-es.pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence

from handouts.errors import UsageError
from handouts.locale import Catalogue, for_clinic
from handouts.model import Content

DEFAULT = ("en",)
"""The language of a build that names none."""


def parse(value: str) -> tuple[str, ...]:
    """Read one ``--lang`` value: a language (``es``), or several for one file (``en,es``).

    Read as a prescription's ``language:`` is (``en, es`` is ``en,es``); raises UsageError
    naming what is accepted.
    """
    from handouts.validate.languages import read

    try:
        return read(value)
    except ValueError as exc:
        raise UsageError(f"--lang: {exc}") from None


def suffix(langs: Sequence[str]) -> str:
    """Return what a file name adds for its languages: nothing for English alone, ``-es``..."""
    return "" if tuple(langs) == DEFAULT else "-" + "-".join(langs)


def written_in(content: Content, lang: str) -> tuple[Content, Catalogue]:
    """Return the content in ``lang`` and the catalogue of the tool's words in it.

    Its speeds are in the clinic's unit (``handouts.units``). Raises ContentError when a text
    of the content has no translation (never English in its place).
    """
    from handouts.units import in_units

    catalogue = for_clinic(content.branding, lang)
    if lang != "en":
        content = _translated(content, lang)
    return in_units(content, catalogue), catalogue


def _translated(content: Content, lang: str) -> Content:
    from handouts.translations import translate_content  # reads content/LANG/ only when asked

    return translate_content(content, lang)
