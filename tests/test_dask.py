"""The Dask engine on a real LocalCluster with worker processes: same records, same guarantees."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from vnpolicy.batch import run_batch  # noqa: E402
from vnpolicy.engines.dask_engine import records_bag, records_dataframe  # noqa: E402
from vnpolicy.io.documents import ReadError  # noqa: E402
from vnpolicy.records import Record  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes on localhost, one thread each; yields the scheduler's address."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  host="127.0.0.1") as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "news.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for article in ARTICLES:
            z.writestr(f"news/{article['id']}.txt", article["text"])
        z.writestr("news/broken.txt", b"\x00\x01\x02binary")
    return path


def test_dask_engine_writes_what_the_local_engine_writes(cluster: str, archive: Path, tmp_path: Path) -> None:
    local = run_batch([archive], tmp_path / "local.jsonl", workers=1)
    on_dask = run_batch([archive], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster, checkpoint_every=30)
    assert (on_dask.records, on_dask.errors) == (local.records, local.errors) == (len(ARTICLES), 1)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl.errors.jsonl").read_bytes() == (tmp_path / "local.jsonl.errors.jsonl").read_bytes()


def test_bag_and_dataframe_of_records(cluster: str, archive: Path) -> None:
    with distributed.Client(cluster):
        items = records_bag([archive, SAMPLE], files_per_partition=50).compute()
        assert [x.id for x in items] == [f"news/{a['id']}.txt" for a in ARTICLES] + ["news/broken.txt"] + \
            [a["id"] for a in ARTICLES]
        assert sum(isinstance(x, ReadError) for x in items) == 1
        assert all(isinstance(x, Record) for x in items if x.id != "news/broken.txt")
        frame = records_dataframe([archive], "documents", files_per_partition=50)
        assert frame.npartitions == 3
        documents = frame.compute()
        assert list(documents["id"]) == [f"news/{a['id']}.txt" for a in ARTICLES]
        errors = records_dataframe([archive], "errors", files_per_partition=50).compute()
        assert list(errors["error"]) == ["BinaryContentError"]


def test_cli_starts_its_own_local_cluster(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    done = subprocess.run([sys.executable, "-m", "vnpolicy", "extract", str(SAMPLE), "-o", str(out), "--engine",
                           "dask", "--workers", "2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert (manifest["documents"], manifest["errors"]) == (len(ARTICLES), 0)
