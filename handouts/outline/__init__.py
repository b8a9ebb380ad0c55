"""The outline: what each document says and in which order, before any layout.

``handout`` makes the PDFs' outlines (a topic, a class pack, a patient's program), ``lesson``
the decks' (a topic, the class). Renderers lay these out and add no words of their own.
"""

from handouts.outline.handout import class_pack, program, topic_handout
from handouts.outline.lesson import class_lesson, topic_lesson

__all__ = ["class_lesson", "class_pack", "program", "topic_handout", "topic_lesson"]
