"""Read a roster CSV (one person a row) into prescriptions, reporting bad rows by row and column.

Each row becomes the same node tree a prescription YAML file would, with every cell's
position as its line and column, so one validator serves both and a bad cell reads
``roster.csv:ROW:COL: column: expected ... but got ...``. Good rows are kept when others fail.

``columns`` names the columns and builds a row's node tree, ``records`` reads the CSV and
locates broken quotes and bytes, ``read`` turns the rows into prescriptions.
"""

from handouts.roster.columns import COLUMNS, REQUIRED
from handouts.roster.read import MAX_ROSTER_BYTES, Row, read_roster

__all__ = ["COLUMNS", "MAX_ROSTER_BYTES", "REQUIRED", "Row", "read_roster"]
