"""The notebooks run top to bottom on a real Jupyter kernel, without an error or a warning, and show their figures.

The notebooks are committed without outputs; ``python scripts/run_notebooks.py --output DIR`` runs them the same
way and keeps the executed copies.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# notebook, figures it shows at least, what else it must show, reason
CASES = [
    ("01-quickstart.ipynb", 1, 'class="vnpolicy-record"', "one article: the record's HTML view and a topic figure"),
    ("02-archive.ipynb", 5, "canonical", "an archive: cited documents (a figure and a table), indicators, topics"),
]


def outputs(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


@pytest.mark.parametrize(("name", "figures", "shown"), [c[:3] for c in CASES], ids=[c[0] for c in CASES])
def test_notebook_runs_on_a_real_kernel(name: str, figures: int, shown: str) -> None:
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells), f"{name} is committed with outputs: strip them"
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as e:
        pytest.fail(f"{name} failed:\n{e}")
    seconds = time.perf_counter() - started
    outs = outputs(nb)
    assert not [o for o in outs if o.get("output_type") == "error"]
    # a warning printed by the kernel (deprecation, missing glyph, ...) would be on stderr
    assert not [o["text"] for o in outs if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    images = [o for o in outs if "image/png" in o.get("data", {})]
    assert len(images) >= figures
    rich = "".join(str(o.get("data", {}).get("text/html", "")) for o in outs)
    assert shown in rich
    print(f"{name}: {seconds:.1f} s, {len(images)} figures")
