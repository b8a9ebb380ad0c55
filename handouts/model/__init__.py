"""The validated content model: frozen dataclasses that every renderer reads.

Field names are the YAML keys. A field without a default is required; a tuple field
without a default must also be non-empty. ``handouts.validate`` builds these objects from the
YAML and is the only place that creates them from content; renderers never see raw dicts.
Extra per-field rules (id pattern, colour format...) live in each field's ``metadata``.

``content`` holds the topics, the class program and branding; ``prescription`` the
personalised program. Both are re-exported here, so ``from handouts.model import Topic`` works.
"""

from handouts.model.branding import (
    COLOR_PATTERN,
    Branding,
    Colors,
    Language,
    LanguageTags,
    ReadingLevel,
    Units,
)
from handouts.model.content import (
    ID_PATTERN,
    PLACEHOLDERS,
    Activation,
    Content,
    Dosage,
    Faq,
    Level,
    Muscle,
    Precautions,
    Program,
    Review,
    Source,
    SourceKind,
    Statement,
    TeachingNotes,
    Topic,
)
from handouts.model.figures import Figure, Region
from handouts.model.prescription import (
    Clinician,
    Dose,
    HandSupport,
    Languages,
    Paper,
    Patient,
    Prescription,
    plain_number,
)

# Kept importable from here for modules written before they moved to handouts.text.
from handouts.text import emphasis, plain

__all__ = [
    "COLOR_PATTERN",
    "ID_PATTERN",
    "PLACEHOLDERS",
    "Activation",
    "Branding",
    "Clinician",
    "Colors",
    "Content",
    "Dosage",
    "Dose",
    "Faq",
    "Figure",
    "HandSupport",
    "Language",
    "LanguageTags",
    "Languages",
    "Level",
    "Muscle",
    "Paper",
    "Patient",
    "Precautions",
    "Prescription",
    "Program",
    "ReadingLevel",
    "Region",
    "Review",
    "Source",
    "SourceKind",
    "Statement",
    "TeachingNotes",
    "Topic",
    "Units",
    "emphasis",
    "plain",
    "plain_number",
]
