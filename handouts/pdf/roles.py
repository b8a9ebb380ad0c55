"""What each flowable is in the document's structure, so it can be tagged as it is drawn.

Every flowable the PDF package makes carries a ``role``: a heading, a paragraph, a list
item, a table (with its header rows), a form field, or an artifact (drawn decoration
whose words are printed beside it). Tagging the PDF for screen readers (PDF/UA) marks
content by these roles while it is drawn; page furniture is painted in one place
(``pages``) and is an artifact there.
"""

from __future__ import annotations

import enum


class Role(enum.Enum):
    """A structure role, named by the PDF structure type it will be tagged with."""

    HEADING_1 = "H1"
    """The document's or a part's title."""
    HEADING_2 = "H2"
    """A section heading."""
    HEADING_3 = "H3"
    """A heading inside a section, such as the emergency line's label."""
    PARAGRAPH = "P"
    """Running text, a label, a table cell's text."""
    LIST_ITEM = "LI"
    """One bulleted or numbered item."""
    TABLE = "Table"
    """A table of data read by rows and columns; its header rows are header cells."""
    LAYOUT = "Div"
    """A table used only to place things side by side: read as its cells' contents."""
    FIGURE = "Figure"
    """A drawing that says something (a level bar, a drawing of a step), tagged with its
    alternative text."""
    FORM = "Form"
    """A fillable field or checkbox (its widget is the annotation)."""
    ARTIFACT = "Artifact"
    """Decoration whose meaning is printed in words beside it (level bars, the sign)."""
