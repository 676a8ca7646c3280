"""Run by test_bundled_fonts in a child process whose fontconfig knows no font at all: render the
documents pickled on stdin as PDFs into the folder named on the command line.

`python -m gongkai.documents.tests.render_child FOLDER < documents.pickle`, where the pickle is a
list of (name, Letter) and (name, (parts, title, signature)) pairs.
"""

from __future__ import annotations

import logging
import pickle
import sys
from pathlib import Path

from gongkai.documents import letter, report_tables


def main(folder: Path) -> None:
    logging.basicConfig(level=logging.WARNING)  # so WeasyPrint's .notdef warnings reach stderr
    documents = pickle.load(sys.stdin.buffer)  # noqa: S301 - written by the parent test
    for name, document in documents:
        if isinstance(document, letter.Letter):
            data = letter.render_pdf(document)
        else:
            data = report_tables.render_pdf(*document)
        (folder / f"{name}.pdf").write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
