"""Run the notebooks of notebooks/ top to bottom on a real Jupyter kernel, as CI does.

    python scripts/run_notebooks.py [NOTEBOOK...] [--output DIR | --inplace] [--timeout 600]

The notebooks are kept in the repository with their outputs stripped (they
are re-run by tests/test_notebooks.py, and outputs would go stale with every
change to the extractors). This runs each on the ``python3`` kernel of
ipykernel from its own folder, reports the time and the figures it made, and
fails on the first cell that raises. ``--output DIR`` writes the executed
notebooks there, to look at; ``--inplace`` writes them over the originals
(strip them again before committing: ``--strip``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run(path: Path, timeout: int) -> nbformat.NotebookNode:
    """The notebook at ``path``, executed in its folder; raises CellExecutionError at the first failing cell."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without outputs and execution counts, as it is committed."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return nb


def images(nb: nbformat.NotebookNode) -> int:
    """How many PNG images the executed notebook shows."""
    return sum("image/png" in out.get("data", {}) for cell in nb.cells if cell.cell_type == "code"
               for out in cell.outputs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, default=NOTEBOOKS)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--output", type=Path, help="write the executed notebooks into this folder")
    where.add_argument("--inplace", action="store_true", help="write the executed notebooks over the originals")
    where.add_argument("--strip", action="store_true", help="only strip the outputs of the notebooks, in place")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args()
    for path in args.notebooks:
        if args.strip:
            nbformat.write(strip(nbformat.read(path, as_version=4)), path)
            print(f"{path.name}: outputs stripped")
            continue
        started = time.perf_counter()
        try:
            nb = run(path, args.timeout)
        except CellExecutionError as e:
            print(f"{path.name}: FAILED\n{e}", file=sys.stderr)
            return 1
        print(f"{path.name}: ran in {time.perf_counter() - started:.1f} s, {images(nb)} figures")
        if args.output:
            args.output.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, args.output / path.name)
        elif args.inplace:
            nbformat.write(nb, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
