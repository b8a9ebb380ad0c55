"""Locate problems as YAML counts lines, and word its syntax errors where the fix goes."""

from __future__ import annotations

import re

import yaml
from yaml.tokens import ScalarToken

from handouts.errors import Problem

# Where a line ends, for YAML 1.1 as PyYAML reads it: CR LF, CR alone (old Macs), LF, and
# the Unicode line breaks NEL, LS and PS.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def position(text: str, index: int, breaks: re.Pattern[str] = _YAML_BREAK) -> tuple[int, int]:
    """Return the 1-based line and column of ``text[index]``, counting lines as YAML does.

    A CR-only file (old Macs) is one line to a count of LF alone; ``breaks`` says what ends a
    line for another reader, such as the csv module.
    """
    line, start = 1, 0
    for found in breaks.finditer(text, 0, index):
        line, start = line + 1, found.end()
    # PyYAML does not count a byte-order mark as a column.
    return line, index - start - text.count("\ufeff", start, index) + 1


def problem_at(file: str, mark: yaml.Mark | None, message: str, path: str = "") -> Problem:
    """Make a problem at a YAML mark (1-based), or at the file itself when there is none."""
    if mark is None:
        return Problem(file, 0, 0, path, message)
    return Problem(file, mark.line + 1, mark.column + 1, path, message)


def syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Say what PyYAML found wrong, placed where the fix goes when PyYAML noticed it later.

    A quote or bracket never closed is noticed only where the file ends or the next key
    begins; the fix is where it opens, so that is the place given.
    """
    mark, opened = exc.problem_mark, exc.context_mark
    what, context = exc.problem or "invalid YAML", exc.context or ""
    runaway = _runaway_quote(text, mark or opened)
    if runaway is not None:
        start, end = runaway.start_mark, runaway.end_mark
        quote = _QUOTES[text[start.index]]
        message = (
            f"expected a closing {quote} for the text that opens here but it runs on to the "
            f"next one, at line {end.line + 1}, column {end.column}; add it where the text ends"
        )
        return problem_at(file, start, f"YAML syntax error: {message}")
    early = _closed_early(text, mark) if what.endswith(" '<scalar>'") else None
    if early is not None:
        return problem_at(file, early, f"YAML syntax error: {_EARLY[text[early.index]]}")
    if opened is not None and mark is not None:
        found = _where_fix_goes(text, context, what, opened, mark)
        if found:
            return problem_at(file, opened, f"YAML syntax error: {found}")
    if context.startswith("while") and opened and mark and opened.line != mark.line:
        context += f" that starts at line {opened.line + 1}"
    # PyYAML words some messages as context + problem ("expected X" / "but found Y").
    said = f"{context} {what}" if what.startswith("but ") else f"{what} {context}"
    return problem_at(file, mark or opened, f"YAML syntax error: {said.strip()}")


_EARLY = {
    "'": "expected the text to end at this closing quote (') but more follows; write a "
    "quote inside single-quoted text twice (''), or put the text in double quotes",
    '"': 'expected the text to end at this closing quote (") but more follows; write a '
    'quote inside double-quoted text as \\", or put the text in single quotes',
}
_QUOTES = {"'": "single quote (')", '"': 'double quote (")'}
_FLOW = {
    "while parsing a flow sequence": ("[", "]", "list"),
    "while parsing a flow mapping": ("{", "}", "mapping"),
}


# A line inside quoted text that reads as a field or a list item of its own.
_LINE_OF_ITS_OWN = re.compile(r"[\r\n\x85\u2028\u2029][ \t]*(?:- |[^\s:#'\"][^:\r\n]*:(?:[ \t]|$))")


def _runaway_quote(text: str, mark: yaml.Mark | None) -> ScalarToken | None:
    """Return quoted text before ``mark`` that took in lines of fields: its quote was not closed.

    A quote left open runs on to the next quote in the file, perhaps a hundred lines on,
    and the error is noticed there; the fix is where it opened.
    """
    if mark is None:
        return None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in _QUOTES
                and token.end_mark.line > token.start_mark.line
                and _LINE_OF_ITS_OWN.search(text, token.start_mark.index, token.end_mark.index)
            ):
                return token
    except yaml.YAMLError:
        pass  # the tokens up to the error are all there is
    return None


def _closed_early(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """Return the quote just before ``mark`` on its line: quoted text went on after it."""
    if mark is None or not 0 < mark.index <= len(text):
        return None
    index = mark.index - 1
    while index > 0 and text[index] in " \t":
        index -= 1
    if text[index] not in _EARLY:
        return None
    return yaml.Mark(mark.name, index, mark.line, mark.column - (mark.index - index), None, None)


def _where_fix_goes(text: str, context: str, what: str, opened: yaml.Mark, mark: yaml.Mark) -> str:
    """Word a quote or bracket left open, or a key without its colon, for its opening place."""
    later = f"at line {mark.line + 1}, column {mark.column + 1}"
    quote = text[opened.index : opened.index + 1]
    if context == "while scanning a quoted scalar" and quote in _QUOTES:
        if "end of stream" in what:
            but = "but the file ends first"
        else:
            but = f"but got a document marker (--- or ...) {later} first"
        return (
            f"expected a closing {_QUOTES[quote]} for the text that opens here {but}; "
            "add it where the text ends"
        )
    if context in _FLOW and what.startswith("expected ','"):
        opener, closer, kind = _FLOW[context]
        got = what.rpartition("but got ")[2].strip("'")
        if got == "<stream end>":
            but = "but the file ends first"
        else:
            shown = "more text" if got == "<scalar>" else repr(got)
            but = f"but got {shown} {later} first"
        return (
            f"expected a closing {closer} for the {kind} that opens here {but}; close the "
            f"{kind}, or put the text in quotes if the {opener} belongs to it"
        )
    if context == "while scanning a simple key" and what == "could not find expected ':'":
        return (
            "expected key: value on this line but found no colon (:); add one after the key, "
            "or indent the line if it goes on with the text above"
        )
    return ""
