"""The words the tool prints itself, one catalogue per language, and how each writes dates.

Every heading, label and sentence the outline adds to the content (``Before you start``,
``Call 911 now if:``, the log's columns, the footer, the presenter's boilerplate) is a key in
``handouts/locale/LANG/LC_MESSAGES/handouts.po``: a gettext catalogue whose ``msgid`` is the
key and whose ``msgstr`` is the text, read at run time with Babel (no compile step). English
is the reference: every other catalogue must hold every key of it, with the same fields in
braces, and notes in an ``#. en:`` comment the English each text was translated from, so a
text whose English changed since is reported. A key missing from a catalogue is an error,
never English in its place.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po

from handouts import theme
from handouts.errors import HandoutsError, Problem
from handouts.glyphs import supported_chars
from handouts.model import Branding, Language, Units

FOLDER = Path(__file__).parent
"""Where the catalogues are: ``FOLDER / LANG / "LC_MESSAGES" / "handouts.po"``."""

REFERENCE = "en"
"""The language every other catalogue is checked against."""

LANGUAGES = {"en": "English", "es": "Spanish"}
"""Every language a document can be written in, by code, with its name in English."""

TAGS = {"en": "en-US", "es": "es-US"}
"""The language tag each language's documents carry unless the branding sets another."""

_FIELD = re.compile(r"\{(\w+)\}")
"""A field the outline fills in: ``{number}``."""


class MissingText(HandoutsError):
    """A catalogue has no text for a key the outline needs (the check reports it first)."""


def path(lang: str, folder: Path | None = None) -> Path:
    """Return the catalogue file of a language, in ``folder`` or the package's ``FOLDER``."""
    return (folder or FOLDER) / lang / "LC_MESSAGES" / "handouts.po"


@dataclass(frozen=True)
class Entry:
    """One text of a catalogue as its file holds it."""

    text: str
    """The text, fields in braces."""
    line: int
    """The line of its ``msgid`` in the file."""
    english: str
    """The English it was translated from (its ``#. en:`` comment); empty in English."""


@functools.cache
def entries(file: Path) -> Mapping[str, Entry]:
    """Read a catalogue file: every key with its text, line and English source."""
    with file.open("rb") as stream:
        po = read_po(stream)
    found: dict[str, Entry] = {}
    for message in po:
        if not message.id or not isinstance(message.id, str):
            continue  # the header, and plural entries we do not use
        comments = list(message.auto_comments)
        starts = [n for n, c in enumerate(comments) if c.startswith("en:")]
        # The English is the last comment, wrapped over as many lines as it takes.
        english = [comments[starts[0]][3:], *comments[starts[0] + 1 :]] if starts else []
        line = message.lineno or 0
        found[message.id] = Entry(str(message.string or ""), line, " ".join(english).strip())
    return MappingProxyType(found)


@dataclass(frozen=True)
class Catalogue:
    """The texts of one language, and the locale its dates and numbers are written in."""

    lang: str
    """The language's code, ``en`` or ``es``."""
    tag: str
    """The language tag documents carry, ``es-US``; its locale writes dates and numbers."""
    texts: Mapping[str, str] = field(repr=False, compare=False)
    """Every key and its text."""
    metric: bool = False
    """Speeds in km/h (the clinic's branding says ``units: metric``); else in mph."""

    def text(self, key: str, **fields: str) -> str:
        """Return the text of ``key`` with its fields filled in; a field not given stays.

        Fields are replaced in one pass, so a value holding braces is printed as it is.
        Raises ``MissingText`` for a key the catalogue lacks: never another language's text.
        """
        try:
            template = self.texts[key]
        except KeyError:
            raise MissingText(
                f"the {LANGUAGES.get(self.lang, self.lang)} catalogue {path(self.lang)} has no "
                f"text for {key!r}; run --check --lang {self.lang}"
            ) from None
        if not fields:
            return template
        return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)

    def count(self, key: str, number: str, **fields: str) -> str:
        """Return ``key.one`` when the number as printed is 1, else ``key.other``, filled in."""
        return self.text(f"{key}.{'one' if number == '1' else 'other'}", n=number, **fields)

    def date(self, day: dt.date) -> str:
        """Write a date in words as the language does: ``November 20, 2026``."""
        return format_date(day, format="long", locale=self.locale)

    @property
    def locale(self) -> Locale:
        """The Babel locale of the tag (``es-US`` is ``es_US``)."""
        return _locale(self.tag)

    def number(self, value: float | Decimal) -> str:
        """Write a number as given, never rounded, in the language's digits: ``0.8``."""
        from babel.numbers import format_decimal

        exact = value if isinstance(value, Decimal) else Decimal(repr(value))
        return format_decimal(exact.normalize(), locale=self.locale, decimal_quantization=False)


@functools.cache
def _locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


def known(tag: str) -> bool:
    """Tell whether Babel has the dates and numbers of a language tag (``es-US``)."""
    try:
        _locale(tag)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@functools.cache
def catalogue(lang: str, tag: str = "", *, metric: bool = False) -> Catalogue:
    """Return the catalogue of a language; ``tag`` overrides its usual tag (``es-MX``).

    ``metric`` writes speeds in km/h, as the clinic's branding chooses.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}")
    texts = {key: entry.text for key, entry in entries(path(lang)).items() if entry.text}
    return Catalogue(lang, tag or TAGS[lang], MappingProxyType(texts), metric)


def _shown(file: Path) -> str:
    """Name a catalogue file as the user sees it: from the project folder when it is inside."""
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)


@functools.cache
def printable() -> frozenset[int]:
    """Return the characters every font the documents print or measure with can draw."""
    fonts = (
        theme.FONT_REGULAR,
        theme.FONT_BOLD,
        theme.DECK_METRICS_REGULAR,
        theme.DECK_METRICS_BOLD,
    )
    return frozenset.intersection(*(supported_chars(font) for font in fonts))


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def problems(lang: str, folder: Path | None = None) -> list[Problem]:
    """Check a catalogue against the English one: every key, its fields, its English source.

    ``folder`` holds the catalogues (the package's own but in tests).
    """
    own_file = path(lang, folder)
    file = _shown(own_file)
    reference, own = entries(path(REFERENCE, folder)), entries(own_file)
    name = LANGUAGES[lang]
    found: list[Problem] = []
    for key, source in reference.items():
        entry = own.get(key)
        if entry is None:
            found.append(
                Problem(
                    file, 0, 0, key, f"expected a {name} text for {source.text!r} but there is none"
                )
            )
            continue
        where = (file, entry.line, 1, key)
        if not entry.text:
            found.append(
                Problem(*where, f"expected a {name} text for {source.text!r} but it is empty")
            )
        elif missing := sorted({c for c in entry.text if ord(c) not in printable()}):
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
            found.append(Problem(*where, f"expected characters the fonts can draw but got {shown}"))
        elif _fields(entry.text) != _fields(source.text):
            want = ", ".join(sorted(f"{{{f}}}" for f in _fields(source.text))) or "no fields"
            got = ", ".join(sorted(f"{{{f}}}" for f in _fields(entry.text))) or "none"
            found.append(Problem(*where, f"expected the fields {want} but got {got}"))
        elif lang != REFERENCE and " ".join(entry.english.split()) != " ".join(source.text.split()):
            found.append(
                Problem(
                    *where,
                    f"expected a translation of {source.text!r} but it was translated from "
                    f"{entry.english!r}; translate it again and update its '#. en:' line",
                )
            )
    for key, entry in own.items():
        if key not in reference:
            found.append(
                Problem(
                    file,
                    entry.line,
                    1,
                    key,
                    "expected a key of the English catalogue but this is not one",
                )
            )
    return found


def for_clinic(branding: Branding, lang: str) -> Catalogue:
    """Return a language's catalogue as the clinic writes it: its tag and its units."""
    return catalogue(
        lang, branding.language_tags.tag(Language(lang)), metric=branding.units is Units.METRIC
    )
