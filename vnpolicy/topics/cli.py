"""The ``train-topics`` and ``classify`` subcommands; ``vnpolicy.cli`` registers them.

Example:
    $ vnpolicy train-topics my-labels.jsonl -o models/my-topics
    $ vnpolicy classify archive/ -o topics.jsonl --model models/my-topics

For a try-out without the main command: ``python -m vnpolicy.topics.cli classify ...``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputExistsError
from ..records import JsonValue
from .model import META_FILE
from .training import LOSSES


def add_subcommands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``train-topics`` and ``classify`` on the ``vnpolicy`` command's subparsers."""
    tr = subparsers.add_parser(
        "train-topics", help="train a topic classifier on a labelled JSON Lines file",
        description="Train a calibrated linear classifier (syllable uni/bigrams, one-vs-rest logistic "
                    "regression or linear SVM) on lines of {\"text\", \"labels\": [...]} (multi-label) or "
                    "{\"text\", \"label\": \"...\"} (single-label); print a cross-validated report. "
                    "Needs scikit-learn: pip install 'vnpolicy[train]'.")
    tr.add_argument("labelled", metavar="LABELLED.jsonl", help="the labelled examples")
    tr.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write the model to")
    tr.add_argument("--C", type=float, default=10.0, dest="C",
                    help="inverse regularisation strength (default: 10)")
    tr.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: 5)")
    tr.add_argument("--min-df", type=int, default=2, help="fewest documents an n-gram must occur in (default: 2)")
    tr.add_argument("--title-weight", type=int, default=2,
                    help="extra counts of the first line, the title (default: 2)")
    tr.add_argument("--nb-scale", action="store_true",
                    help="scale features by naive-Bayes log-count ratios (often better for single-label topics)")
    tr.add_argument("--tf", choices=("log", "binary"), default="log",
                    help="weigh an n-gram by 1 + log(count) times idf, or by its presence times idf (default: log)")
    tr.add_argument("--loss", choices=LOSSES, default="log",
                    help="logistic regression (log) or linear SVM (squared_hinge) per label (default: log)")
    tr.add_argument("--overwrite", action="store_true", help="replace a model already in DIR")
    tr.set_defaults(handler=run_train_topics)

    cl = subparsers.add_parser(
        "classify", help="label documents with a topic model",
        description="One JSON line per document: {\"id\", \"topics\": [{\"label\", \"score\"}, ...]} "
                    "with the labels the model predicts (or every label's score with --all-scores).")
    cl.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=".txt file, folder, .jsonl of {id, text}, or archive")
    cl.add_argument("-o", "--output", help="output JSON Lines file (default: standard output)")
    cl.add_argument("--model", metavar="DIR", help="model folder (default: the 15-area policy model)")
    cl.add_argument("--all-scores", action="store_true", help="write every label's score, not only predicted ones")
    cl.add_argument("--overwrite", action="store_true", help="replace an existing output file")
    cl.set_defaults(handler=run_classify)


def run_train_topics(args: argparse.Namespace) -> int:
    """Handler of ``vnpolicy train-topics``."""
    from .training import format_report, train_topics

    out = Path(args.output)
    if (out / META_FILE).exists() and not args.overwrite:
        raise OutputExistsError(f"{out} already holds a model; pass --overwrite to replace it")
    _, report = train_topics(args.labelled, out, C=args.C, cv=args.cv, min_df=args.min_df,
                             title_weight=args.title_weight, nb_scale=args.nb_scale, tf=args.tf, loss=args.loss)
    print(f"cross-validated ({args.cv} folds) on {args.labelled}:")
    print(format_report(report))
    print(f"vnpolicy: model -> {out}", file=sys.stderr)
    return 0


def run_classify(args: argparse.Namespace) -> int:
    """Handler of ``vnpolicy classify``."""
    from ..io.readers import ReadError, read_documents
    from ..io.writers import JsonlWriter
    from . import load_model

    model = load_model(args.model)
    out = args.output
    errors_path = None if out in (None, "-") else Path(out + ".errors.jsonl")
    n_errors = 0
    with JsonlWriter(out, overwrite=args.overwrite) as writer:
        errors = JsonlWriter(errors_path, overwrite=True) if errors_path else None
        try:
            if errors is not None:
                errors.__enter__()
            for doc in read_documents(args.inputs):
                if isinstance(doc, ReadError):
                    n_errors += 1
                    if errors is not None:
                        errors.write(doc.to_dict())
                    else:
                        print(f"vnpolicy: {doc.id}: {doc.error}: {doc.message}", file=sys.stderr)
                    continue
                text = doc.text
                if doc.title and not text.lstrip().startswith(doc.title.strip()):
                    text = f"{doc.title}\n{text}"
                scores = model.classify(text) if args.all_scores else model.predict(text)
                row: dict[str, JsonValue] = {"id": doc.id, "topics": [s.to_dict() for s in scores]}
                writer.write(row)
        finally:
            if errors is not None:
                errors.__exit__(None, None, None)
    if out not in (None, "-"):
        print(f"vnpolicy: {writer.count} documents classified -> {out}; {n_errors} errors"
              + (f" -> {errors_path}" if n_errors else ""), file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the two subcommands on their own (``python -m vnpolicy.topics.cli``)."""
    parser = argparse.ArgumentParser(prog="vnpolicy")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    # imported here: vnpolicy.cli imports this module to add the subcommands
    from ..cli import run_handler

    return run_handler(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
