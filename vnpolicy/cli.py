"""The ``vnpolicy`` command: argument parsing only; the work is in the library.

Example:
    $ vnpolicy extract corpora/sample/unc-news-sample.jsonl -o out/sample.jsonl
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .batch import extract_documents
from .errors import VnpolicyError
from .io.readers import ReadError, read_documents
from .io.writers import JsonlWriter


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="vnpolicy",
        description="Structured records from Vietnamese policy and government news.",
    )
    parser.add_argument("--version", action="version", version=f"vnpolicy {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract mentions from .txt files, folders or .jsonl files",
                        description="One JSON line per document, keyed by its id (JSONL id or file path).")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder of them, or .jsonl of {id, text}")
    ex.add_argument("-o", "--output", help="output file (default: standard output)")
    ex.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (default: jsonl)")
    ex.add_argument("--no-text", action="store_true", help="leave each document's text out of its record")
    ex.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    ex.set_defaults(handler=_run_extract)
    return parser


def _run_extract(args: argparse.Namespace) -> int:
    out = args.output
    errors_path = None if out in (None, "-") else Path(out + ".errors.jsonl")
    n_errors = 0
    with JsonlWriter(out, overwrite=args.overwrite) as writer, \
            JsonlWriter(errors_path, overwrite=True) if errors_path else _Stderr() as errors:
        for item in extract_documents(read_documents(args.inputs)):
            if isinstance(item, ReadError):
                n_errors += 1
                errors.write(item.to_dict())
            else:
                writer.write(item.to_dict(include_text=not args.no_text))
    if out not in (None, "-"):
        print(f"vnpolicy: {writer.count} records -> {out}; {n_errors} errors"
              + (f" -> {errors_path}" if n_errors else ""), file=sys.stderr)
    return 0


class _Stderr(JsonlWriter):
    """Error records to standard error when the output is standard output."""

    def __init__(self) -> None:
        super().__init__(None)

    def __enter__(self) -> JsonlWriter:
        self._file = sys.stderr
        return self


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vnpolicy`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except VnpolicyError as e:
        print(f"vnpolicy: error: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
