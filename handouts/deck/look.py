"""How a deck looks where the template leaves it to us: colours, and what the template draws."""

from __future__ import annotations

from dataclasses import dataclass

from handouts import theme


@dataclass(frozen=True)
class Look:
    """Colours and choices for drawing; in a clinic's template most are left to the template."""

    own_template: bool
    """Drawn on our own template, not a clinic's."""
    primary: str
    """The brand colour of table headers and chart bars, ``#RRGGBB``."""
    accent: str
    """The brand colour of the safety slide, ``#RRGGBB``."""
    bullets: bool
    """The template draws a bullet of its own before a point (Impress templates do not)."""
    table_styles: bool
    """The template has table styles (Impress templates have none)."""
    scale: float
    """The slide's size against a 10 x 7.5 in slide: decorations scale with it."""
    lang: str
    """The language tag of every piece of text: the lesson's (``Meta.lang``)."""

    @property
    def title_colour(self) -> str | None:
        """Title colour: the brand's where it reads on white, in our look; else the template's."""
        return theme.text_colour(self.primary) if self.own_template else None

    @property
    def ink(self) -> str | None:
        """Body text colour: ours in our look, the template's (None) in a clinic's."""
        return theme.INK if self.own_template else None

    @property
    def fills_tables(self) -> bool:
        """Tables get our fills and rules: in our look, or where a template has no table styles."""
        return self.own_template or not self.table_styles
