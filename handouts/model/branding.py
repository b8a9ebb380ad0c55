"""The clinic's branding: its colours, reading level, language tags, units and logo."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

COLOR_PATTERN = r"#[0-9A-Fa-f]{6}"
"""Colours are written as ``#RRGGBB``."""


@dataclass(frozen=True)
class Colors:
    """Brand colours; the defaults are a neutral navy and grey that print well in grayscale."""

    primary: str = field(default="#1F3A5F", metadata={"pattern": COLOR_PATTERN})
    """Headings, table header and title bars."""
    accent: str = field(default="#B3261E", metadata={"pattern": COLOR_PATTERN})
    """Precaution callouts."""


@dataclass(frozen=True)
class ReadingLevel:
    """The reading levels a patient-facing section must meet: grades at most, ease at least."""

    grade: float = field(default=6.0, metadata={"range": (3, 12, "grade"), "decimals": 1})
    """Highest Flesch-Kincaid grade (default 6)."""
    smog: float = field(default=8.0, metadata={"range": (4, 14, "grade"), "decimals": 1})
    """Highest SMOG grade (default 8)."""
    fernandez_huerta: float = field(
        default=70.0, metadata={"range": (50, 100, "score"), "decimals": 1}
    )
    """Lowest Fernández-Huerta score of Spanish text (default 70, 'fairly easy', grade 6)."""


class Language(enum.Enum):
    """A language the documents can be written in (a catalogue in ``handouts/locale``)."""

    EN = "en"
    ES = "es"


class Units(enum.Enum):
    """The units a clinic writes speeds in."""

    IMPERIAL = "imperial"
    METRIC = "metric"


TAG_PATTERNS = {
    "en": r"en(?:-[A-Z]{2}|-[0-9]{3})?",
    "es": r"es(?:-[A-Z]{2}|-[0-9]{3})?",
}
"""A language tag per language: the language, then optionally a country or region."""


@dataclass(frozen=True)
class LanguageTags:
    """The tag each language's documents carry, which also sets how dates and numbers read."""

    en: str = field(default="en-US", metadata={"pattern": TAG_PATTERNS["en"]})
    """English documents' tag: ``en-US``, ``en-GB``..."""
    es: str = field(default="es-US", metadata={"pattern": TAG_PATTERNS["es"]})
    """Spanish documents' tag: ``es-US`` (0.8, as US Spanish writes it), ``es-MX``, ``es-ES``
    (0,8)..."""

    def tag(self, language: Language) -> str:
        """Return the tag of a language."""
        return str(getattr(self, language.value))


@dataclass(frozen=True)
class Branding:
    """Who the handouts come from; empty fields print as write-in lines."""

    clinic_name: str = ""
    """Clinic or gym name; when empty a blank line is printed for it."""
    contact_line: str = ""
    """Phone, address or web site on one line; when empty a blank line is printed."""
    colors: Colors = Colors()
    """Brand colours."""
    logo: str = ""
    """Path of a PNG or JPEG logo, relative to the content folder; optional."""
    emergency_number: str = field(default="911", metadata={"phone_digits": (2, 6)})
    """The number to call in an emergency, 2 to 6 digits: 911, or 112, 999, 000..."""
    reading_level: ReadingLevel = ReadingLevel()
    """The reading grades the check holds every patient-facing section to."""
    units: Units = Units.IMPERIAL
    """Speeds in mph (``imperial``, for US clinics) or km/h (``metric``), in every language."""
    language_tags: LanguageTags = LanguageTags()
    """The language tag of each language's documents (their PDF ``/Lang``, their slides'
    text), and so how their dates and numbers are written."""
