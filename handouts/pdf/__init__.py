"""Draw a handout's outline as a print-ready PDF; the only package that imports reportlab.

``render(handout, options)`` is the whole interface. The modules, in the order a PDF is
made: ``styles`` (fonts, paragraph styles, markup), ``layout`` (the page furniture and
frames, measured once), ``pages`` (page templates that paint what layout measured),
``blocks`` and ``program`` (one function per kind of outline block, in ``FLOWABLES``),
``flowables`` and ``forms`` (what blocks are made of), ``document`` (the story and the
build), ``tagging`` (marked content and the structure, as it is drawn) and ``structure``
(the structure tree written into the file with pikepdf: PDF/UA-1). ``internals`` holds
every use of reportlab's private attributes; ``roles`` names what each flowable is, for
tagging.
"""

from handouts.pdf.document import render

__all__ = ["render"]
