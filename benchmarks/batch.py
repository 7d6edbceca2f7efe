"""Batch extraction of a whole archive: wall time, documents per second, peak memory, engines side by side.

    python benchmarks/batch.py [--archive PATH] [--workers 1 2] [--engines local dask]
                               [--format parquet] [--json OUT]

Runs ``vnpolicy extract ARCHIVE -o OUT --format parquet --workers N`` as a
real subprocess for each engine and number of workers, and measures:

* wall time, from start to exit (worker start-up and the final rename included);
* documents per second (all input documents, records and error records);
* peak memory: the largest sum of resident set sizes over the whole process
  tree (command, fork server, workers, Dask scheduler and nannies), sampled
  every 0.1 s. Summing RSS counts pages shared between forked processes more
  than once, so this overstates what the machine needed;
* CPU seconds of the tree and of the main (reading and writing) process, as
  last sampled: on a busy machine these say what the run cost when the wall
  time says mostly how much of the machine it got.

It also times ``vnpolicy.extract`` alone on the first 300 articles, in this
process, so that figures can be read against what the extractors cost when
they were taken (they are still landing), and records the load average: on a
shared machine other work takes cores from the run.

Default archive: ``../shared/corpora/baomoi-2017.tar.gz`` (35,440 articles).
Needs the ``bench`` extra (psutil) and, for the Dask engine, the ``dask`` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "corpora" / "baomoi-2017.tar.gz"
SAMPLE_INTERVAL = 0.1


def sample_tree(proc: psutil.Process, cpu: dict[int, float]) -> tuple[int, int]:
    """RSS and PSS of a process and all its descendants, in bytes; updates each one's CPU seconds.

    PSS (proportional set size) shares each page among the processes that map
    it, so unlike summed RSS it does not count forked, shared pages twice.
    """
    rss = pss = 0
    try:
        family = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    for p in family:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):  # a worker may exit meanwhile
            memory = p.memory_full_info()
            rss += memory.rss
            pss += getattr(memory, "pss", memory.rss)
            times = p.cpu_times()
            cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
    return rss, pss


def run(archive: Path, workdir: Path, *, engine: str, workers: int, output_format: str) -> dict[str, object]:
    """One run of the command, measured."""
    out = workdir / f"{engine}-{workers}.{output_format}"
    command = [sys.executable, "-m", "vnpolicy", "extract", str(archive), "-o", str(out), "--format", output_format,
               "--workers", str(workers), "--engine", engine, "--progress", "none"]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    handle = psutil.Process(proc.pid)
    peak = peak_pss = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        rss, pss = sample_tree(handle, cpu)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(SAMPLE_INTERVAL)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    if output_format == "parquet":
        manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
        documents, errors = manifest["documents"], manifest["errors"]
    else:
        documents = sum(1 for _ in out.open(encoding="utf-8"))
        errors = sum(1 for _ in out.with_name(out.name + ".errors.jsonl").open(encoding="utf-8"))
        documents += errors
    shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink()
    return {"engine": engine, "workers": workers, "format": output_format, "seconds": round(seconds, 2),
            "documents": documents, "errors": errors, "docs_per_s": round(documents / seconds, 1),
            "peak_rss_mb": round(peak / 2**20), "peak_pss_mb": round(peak_pss / 2**20),
            "cpu_seconds": round(sum(cpu.values()), 1), "cpu_seconds_main": round(cpu.get(proc.pid, 0.0), 1),
            "load_before": round(load, 2)}


def extractor_cost(archive: Path, n: int = 300) -> float:
    """Milliseconds per article of ``vnpolicy.extract`` alone, on the first ``n`` articles."""
    import vnpolicy

    texts: list[str] = []
    with tarfile.open(archive) as tar:
        for member in tar:
            data = tar.extractfile(member) if member.isfile() and member.name.endswith(".txt") else None
            if data is not None:
                texts.append(data.read().decode("utf-8", errors="replace"))
            if len(texts) >= n:
                break
    vnpolicy.extract(texts[0])
    started = time.perf_counter()
    for text in texts:
        vnpolicy.extract(text)
    return (time.perf_counter() - started) / len(texts) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--dask-workers", type=int, default=2, help="workers of the Dask LocalCluster")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="parquet")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"{args.archive} not found: the benchmark needs ../shared/corpora", file=sys.stderr)
        return 1

    conditions = {"archive": str(args.archive), "archive_mb": round(args.archive.stat().st_size / 2**20, 1),
                  "cpus": os.cpu_count(), "python": platform.python_version(),
                  "extract_ms_per_article": round(extractor_cost(args.archive), 3),
                  "load_average": [round(x, 2) for x in os.getloadavg()]}
    print(f"conditions: {json.dumps(conditions)}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="vnpolicy-bench-") as tmp:
        if "local" in args.engines:
            for workers in args.workers:
                rows.append(run(args.archive, Path(tmp), engine="local", workers=workers, output_format=args.format))
                print(json.dumps(rows[-1]))
        if "dask" in args.engines:
            rows.append(run(args.archive, Path(tmp), engine="dask", workers=args.dask_workers,
                            output_format=args.format))
            print(json.dumps(rows[-1]))

    def seconds(engine: str, workers: int) -> float | None:
        return next((float(r["seconds"]) for r in rows  # type: ignore[arg-type]
                     if r["engine"] == engine and r["workers"] == workers), None)

    print(f"\n{'engine':8} {'workers':>7} {'seconds':>8} {'docs/s':>8} {'errors':>6} {'peak RSS':>9} "
          f"{'peak PSS':>9} {'CPU s':>7} {'main CPU s':>10}")
    for r in rows:
        print(f"{r['engine']:8} {r['workers']:>7} {r['seconds']:>8} {r['docs_per_s']:>8} {r['errors']:>6} "
              f"{r['peak_rss_mb']:>6} MB {r['peak_pss_mb']:>6} MB {r['cpu_seconds']:>7} {r['cpu_seconds_main']:>10}")
    one, two, dask = seconds("local", 1), seconds("local", 2), seconds("dask", args.dask_workers)
    summary: dict[str, float] = {}
    if one and two:
        summary["speedup_2_vs_1"] = round(one / two, 2)
    if two and dask:
        summary["dask_vs_local_2"] = round(dask / two, 2)
    print(json.dumps(summary))
    if args.json:
        args.json.write_text(json.dumps({"conditions": conditions, "runs": rows, "summary": summary}, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
