"""Draw a lesson as a PowerPoint deck; the only package that imports pptx.

A deck is made in steps, each its own module:

1. ``template``: open our template in the brand colours, or a clinic's (checked), with
   its boxes (``geometry``) and how it sets text (``textstyle``), read once per process.
2. ``plan``: turn each slide of the lesson into slide specs (``specs``), measuring every
   word (``measure``, ``fit``) against the layout it will be drawn on; what does not fit
   at the smallest size goes on over "(cont.)" slides.
3. ``draw``: write each spec onto a slide of its layout; drawing never measures.
4. ``package``: save the deck with fixed times, so the same lesson gives the same bytes.

Decks are built on named slide layouts, so a clinic's own template restyles every slide.

The modules, each with one job (planning never imports pptx; drawing never measures):

==============  ===========================================================================
``template``    our template, a clinic's checked (``check_template``), each read once
``layouts``     find each layout by name or by what it holds; read its boxes (``Geometry``)
``textstyle``   how a template sets text (typefaces, capitals, spacing) → a ``Measure``
``geometry``    the boxes planning fits against: pure data
``measure``     lines, heights and cuts of text in the deck font's widths
``fit``         fit a title, a cover's lines, a list over slides; ``Fit``, what planners read
``plan``        a planner per outline block (``PLANNERS``); one body size a part
``plan_shapes`` the muscle table, the effort chart and the safety columns
``specs``       the plan→draw hand-off: one frozen dataclass per kind of slide
``draw``        a drawer per kind of spec (``DRAW``); notes pages
``draw_text``   titles, covers, sections and text slides
``draw_shapes`` tables, charts and the safety slide
``look``        colours and what the template draws itself
``xml``         DrawingML strings and every reach into python-pptx internals
``package``     properties, fixed zip and workbook times
``sizes``       type scales, spacing and insets, in points
==============  ===========================================================================
"""

from __future__ import annotations

from handouts.deck.draw import draw_deck
from handouts.deck.fit import Fit
from handouts.deck.look import Look
from handouts.deck.package import deck_bytes
from handouts.deck.plan import plan_deck
from handouts.deck.sizes import BODY_SIZES
from handouts.deck.specs import Logo
from handouts.deck.template import (
    Template,
    TemplateProblem,
    check_template,
    clinic_template,
    own_template,
)
from handouts.options import DeckOptions
from handouts.outline.document import Lesson


def template_for(lesson: Lesson, options: DeckOptions) -> Template:
    """Return the template a lesson is drawn on with these options, made ready once."""
    if options.template is None:
        return own_template(lesson.brand.primary, lesson.brand.accent)
    return clinic_template(options.template, options.template_digest)


def fit_for(lesson: Lesson, template: Template) -> Fit:
    """Return what planning a lesson on this template fits against, at every body size."""
    logo = lesson.brand.logo
    return Fit(
        template.fonts,
        template.geometry,
        lesson.words,
        None if logo is None else Logo(logo, lesson.words.logo),
        template.geometry.sizes(BODY_SIZES),
    )


def render(lesson: Lesson, options: DeckOptions) -> bytes:
    """Draw a lesson and return the .pptx bytes (identical for identical input)."""
    template = template_for(lesson, options)
    specs = plan_deck(lesson, fit_for(lesson, template))
    prs, layouts = template.open()
    look = Look(
        own_template=template.own,
        primary=lesson.brand.primary,
        accent=lesson.brand.accent,
        bullets=template.bullets,
        table_styles=template.table_styles,
        scale=template.geometry.scale,
        lang=lesson.meta.lang,
    )
    draw_deck(prs, specs, layouts, look)
    return deck_bytes(prs, lesson.meta, lesson.when)


__all__ = ["TemplateProblem", "check_template", "render"]
