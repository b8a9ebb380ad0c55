"""Print a translation file to start or mend: ``python -m handouts.translations es ID``.

The second argument is a topic id or ``program``. What is translated already is kept (see
handouts/translations/skeleton.py); redirect the output to the file to write it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handouts.errors import ContentError
from handouts.translations import LANGUAGES, program_file, topic_file
from handouts.translations.files import File
from handouts.translations.skeleton import skeleton


def main(argv: list[str] | None = None) -> int:
    """Print the translation file of one topic or the program; return the exit status."""
    from handouts.validate import load_content

    parser = argparse.ArgumentParser(prog="python -m handouts.translations", description=__doc__)
    parser.add_argument("lang", choices=sorted(LANGUAGES))
    parser.add_argument("what", metavar="TOPIC-ID|program")
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    args = parser.parse_args(argv)
    try:
        content = load_content(args.content)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.what == "program":
        value, path = content.program, program_file(args.content, args.lang)
    elif args.what in {t.id for t in content.topics}:
        value = content.topic(args.what)
        path = topic_file(args.content, args.lang, args.what)
    else:
        parser.error(f"expected a topic id or 'program' but got {args.what!r}")
    file = File(path, args.lang)
    done = {p: (t.source, t.text) for p, t in file.texts.items()}
    # A statement of text alone may be written as the text: its path is the statement's.
    done |= {f"{p}.text": v for p, v in done.items() if f"{p}.text" not in done}
    sys.stdout.write(skeleton(value, args.lang, done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
