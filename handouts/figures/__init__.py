"""Drawings as data: vector primitives (``shapes``) and the parametric figure, format-neutral."""
