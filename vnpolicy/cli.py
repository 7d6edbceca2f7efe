"""The ``vnpolicy`` command: argument parsing only; the work is in the library.

Example:
    $ vnpolicy extract corpora/sample/unc-news-sample.jsonl -o out/sample.jsonl
    $ vnpolicy extract baomoi-2017.tar.gz -o out/baomoi.parquet --format parquet --workers 2
    $ vnpolicy extract baomoi-2017.tar.gz -o out/baomoi.parquet --format parquet --workers 2 --resume
    $ vnpolicy extract crawl.warc.gz -o out/crawl.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .batch import CHECKPOINT_DOCUMENTS, OutputFormat, run_batch
from .compiled import build_name
from .errors import VnpolicyError
from .io.documents import MAX_DOCUMENT_BYTES, ReadOptions
from .progress import Progress
from .topics.cli import add_subcommands as add_topic_subcommands

_EXTRACT_HELP = """\
Every input document becomes one record (one JSON line, or rows of the Parquet
tables) or one error record, with its id: the JSON Lines id field, the path of
a file, or the member path inside an archive. Error records go to
OUT.errors.jsonl (JSON Lines) or the `errors` table (Parquet).

Inputs: .txt, .html, .jsonl/.ndjson, .csv/.tsv, .warc/.warc.gz, .zip,
.tar/.tar.gz/.tar.bz2/.tar.xz, NAME.gz, and folders of them.

A run killed part-way leaves OUT.partial files and a checkpoint; run the same
command with --resume to continue it. An existing output is never overwritten
without --overwrite.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="vnpolicy",
        description="Structured records from Vietnamese policy and government news.",
    )
    parser.add_argument("--version", action="version", version=f"vnpolicy {__version__}, {build_name()}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract mentions from files, folders and archives",
                        description="Extract mentions from files, folders and archives, streaming and in parallel.",
                        epilog=_EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="file, folder or archive (.txt .html .jsonl .csv .warc .zip .tar.gz ...)")
    ex.add_argument("-o", "--output", metavar="OUT",
                    help="output: a .jsonl file, or a folder for --format parquet (default: standard output)")
    ex.add_argument("--format", choices=["jsonl", "parquet"], default=None,
                    help="output format (default: parquet when OUT ends in .parquet, else jsonl)")
    ex.add_argument("--workers", type=int, default=1, metavar="N",
                    help="processes to extract on (default: 1, in this process; 0: one per core); for --engine "
                         "dask without --scheduler, the worker processes of the new LocalCluster")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: a pool of processes on this machine; dask: a Dask cluster (default: local)")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="the Dask scheduler to use with --engine dask (default: start a LocalCluster)")
    ex.add_argument("--resume", action="store_true", help="continue an interrupted run from its checkpoint")
    ex.add_argument("--overwrite", action="store_true", help="replace an existing output")
    ex.add_argument("--no-text", action="store_true", help="leave each document's text out of its record")
    ex.add_argument("--id-field", default="id", metavar="NAME", help="JSON Lines/CSV id field (default: id)")
    ex.add_argument("--text-field", default="text", metavar="NAME", help="JSON Lines/CSV text field (default: text)")
    ex.add_argument("--title-field", default="title", metavar="NAME",
                    help="JSON Lines/CSV title field (default: title)")
    ex.add_argument("--date-field", action="append", metavar="NAME",
                    help="JSON Lines/CSV publication date field, repeatable (default: published, then date)")
    ex.add_argument("--max-bytes", type=int, default=MAX_DOCUMENT_BYTES, metavar="N",
                    help=f"larger documents become error records (default: {MAX_DOCUMENT_BYTES})")
    ex.add_argument("--checkpoint-every", type=int, default=CHECKPOINT_DOCUMENTS, metavar="N",
                    help=f"documents between checkpoints (default: {CHECKPOINT_DOCUMENTS})")
    ex.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                    help="progress on standard error: a bar on a terminal, log lines elsewhere (default: auto)")
    ex.add_argument("--no-repair", action="store_true",
                    help="do not repair legacy encodings (TCVN3, VNI, ...), mojibake and broken Unicode first")
    ex.set_defaults(handler=_run_extract)
    # Further subcommands are added here, each module with its own add_subcommands(sub).
    add_topic_subcommands(sub)
    return parser


def _run_extract(args: argparse.Namespace) -> int:
    inferred: OutputFormat = "parquet" if args.output and args.output.rstrip("/").endswith(".parquet") else "jsonl"
    output_format: OutputFormat = args.format or inferred
    options = ReadOptions(id_field=args.id_field, text_field=args.text_field, title_field=args.title_field,
                          date_fields=tuple(args.date_field or ("published", "date")), max_bytes=args.max_bytes,
                          repair=not args.no_repair)
    progress = Progress(sys.stderr, mode=args.progress) if args.output not in (None, "-") else None
    try:
        summary = run_batch(args.inputs, args.output, output_format=output_format, workers=args.workers,
                            engine=args.engine, scheduler=args.scheduler, resume=args.resume,
                            overwrite=args.overwrite, include_text=not args.no_text, options=options,
                            checkpoint_every=max(1, args.checkpoint_every), progress=progress)
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()
        print("vnpolicy: interrupted; run the same command with --resume to continue", file=sys.stderr)
        return 130
    if args.output not in (None, "-"):
        if summary.already_complete:
            print(f"vnpolicy: {args.output} is already complete ({summary.documents} documents); nothing to do",
                  file=sys.stderr)
        else:
            resumed = f", {summary.resumed_from} of them from the interrupted run" if summary.resumed_from else ""
            print(f"vnpolicy: {summary.records} records and {summary.errors} error records{resumed} in "
                  f"{summary.seconds:.1f} s ({summary.rate:.1f} docs/s) -> {summary.output}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vnpolicy`` command."""
    return run_handler(build_parser().parse_args(argv))


def run_handler(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; an expected error is one line on standard error and exit code 2."""
    try:
        code: int = args.handler(args)
    except VnpolicyError as e:
        print(f"vnpolicy: error: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
