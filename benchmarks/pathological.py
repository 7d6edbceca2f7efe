"""Hostile inputs must run in linear time: ``python benchmarks/pathological.py [--json OUT]``.

Each input (a long run of digits, of dots, thousands of quotes, nested
slashes, one line of a megabyte, ``ngày`` repeated, stacked combining marks,
legacy bytes, ...) goes through :func:`vnpolicy.repair` and :func:`vnpolicy.extract`
at three sizes (100 KB, 300 KB and 1 MB by default), so that the table shows
whether time grows with the length (linear: the 1 MB run takes about ten times
the 100 KB run) or faster.

Each input and verb runs in a child process with a time limit, so that one
quadratic case cannot hang the run. The child first extracts (or repairs) a
few short texts: what loads once per process (the legal knowledge base, the
topic model, underthesea, the encoding tables) is timed apart, as
``load_seconds``, and not charged to the first input. Every size is then run
``--repeat`` times and the least CPU time of the child is kept: other jobs on
a shared machine slow the wall clock but hardly the CPU time, and the minimum
is the least noisy estimate of what the code costs (the least wall-clock time
is kept too). A 1 MB run over the limit (2 s) is reported with the function
of ``vnpolicy`` that took the most time, found by profiling the same input at
20 000 characters. The tests run the 100 KB versions
(``tests/test_adversarial.py``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCE = "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 quy định 1.234,5 tỷ đồng, chiếm 45% (“Đổi mới”). "
# Quotations opened inside quotations, of every kind the press uses, then closed
# in turn; and the same characters unbalanced and out of order.
NESTED_OPEN = "“a «b ‘c \"d "
NESTED_CLOSE = "\" ’ » ” "
QUOTE_MIX = "“e ” ‘f « g” h’ \"i » “j ‘k \" «l ’ ”m « "
# One list of counts, fractions and percents with no end of sentence.
COUNTS = "41 xã, 12 phường, 3 thị trấn, 196/204 xã đạt 96%, 1.234 hộ, 45,5 ha, 7/10 huyện, "

SIZES = (100_000, 300_000, 1_000_000)


def nested_quotes(size: int) -> str:
    """Two thirds of ``size`` of opening quotes and their closing quotes, then a third of unbalanced ones."""
    depth = size * 2 // 3 // len(NESTED_OPEN + NESTED_CLOSE)
    return NESTED_OPEN * depth + NESTED_CLOSE * depth + QUOTE_MIX * (size // 3 // len(QUOTE_MIX))


def inputs(size: int) -> dict[str, Callable[[], str]]:
    """The hostile inputs, about ``size`` characters each (built lazily)."""
    return {
        "digits": lambda: "1" * size,
        "digits-dots": lambda: "1." * (size // 2),
        "dots": lambda: "." * size,
        # a figure makes its line go through the sentence splitter, which reads back before each stop
        "letters-dots": lambda: "a." * (size // 2 - 3) + " 5 xã",
        "digits-commas": lambda: "1," * (size // 2),
        "numbers-spaced": lambda: "12 " * (size // 3),
        "ascii-quotes": lambda: '"' * size,
        "curly-quotes": lambda: "“”" * (size // 2),
        "quoted-words": lambda: "“a” " * (size // 4),
        "nested-quotes": lambda: nested_quotes(size),
        "nested-slashes": lambda: "1/" * (size // 2) + "1",
        "slash-symbols": lambda: "/QĐ-TTg" * (size // 7),
        "ngay": lambda: "ngày " * (size // 5),
        "ngay-thang-nam": lambda: "ngày 1 tháng 1 năm " * (size // 19),
        "one-line": lambda: SENTENCE * (size // len(SENTENCE)),
        "counts-line": lambda: COUNTS * (size // len(COUNTS)),
        # a table of figures, one per line: the most figures a megabyte can hold
        "count-lines": lambda: "5 xã\n" * (size // 5),
        "percent-lines": lambda: "5%\n" * (size // 3),
        "fraction-lines": lambda: "1/2 xã\n" * (size // 7),
        "combining-marks": lambda: "a\u0301\u0323\u0300\u0309" * (size // 5),
        "nfd-text": lambda: unicodedata.normalize("NFD", SENTENCE) * (size // len(SENTENCE)),
        "percents": lambda: "%" * size,
        "dashes": lambda: "1-" * (size // 2),
        "parentheses": lambda: "(" * (size // 2) + ")" * (size // 2),
        "tcvn3-line": lambda: "Céng hßa x· héi chñ nghÜa ViÖt Nam " * (size // 35),
        "vni-line": lambda: "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam " * (size // 41),
        "viqr-line": lambda: "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. " * (size // 46),
        "mojibake-line": lambda: "Nghá»‹ Ä‘á»‹nh sá»‘ 15 " * (size // 20),
        "tcvn3-no-space": lambda: "¸" * size,
        "viqr-marks": lambda: "a^." * (size // 3),
        "zero-width": lambda: "\u200b" * size,
        "entities": lambda: "&amp;" * (size // 5),
    }


# Short texts that make a process load, once, everything that loads lazily.
WARM_UP = (SENTENCE, "Nghá»‹ Ä‘á»‹nh sá»‘ 15", "B¸o c¸o tµi chÝnh", "Coäng hoøa", "Vie^.t Nam", COUNTS)


def _verb(name: str) -> Callable[[str], object]:
    import vnpolicy
    from vnpolicy.repair import repair

    return repair if name == "repair" else vnpolicy.extract


def _run(name: str, sizes: tuple[int, ...], verb: str, repeat: int, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    """In the child: the load time, then ``(size, cpu, wall)`` for each size, best of ``repeat``."""
    func = _verb(verb)
    started = time.perf_counter()
    for text in WARM_UP:
        func(text)
    queue.put(("load", time.perf_counter() - started))
    for size in sizes:
        text = inputs(size)[name]()
        cpu = wall = float("inf")
        for _ in range(repeat):
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            func(text)
            cpu = min(cpu, time.process_time() - cpu_start)
            wall = min(wall, time.perf_counter() - wall_start)
        queue.put((size, cpu, wall))


HOTSPOT_SIZE = 20_000


def _profile(name: str, verb: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import cProfile
    import pstats

    func = _verb(verb)
    for text in WARM_UP:
        func(text)
    text = inputs(HOTSPOT_SIZE)[name]()
    profile = cProfile.Profile()
    profile.runcall(func, text)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    ours = [(tottime, f"{Path(file).relative_to(ROOT)}:{line} {func}")
            for (file, line, func), (_, _, tottime, _, _) in stats.items() if str(ROOT / "vnpolicy") in file]
    queue.put(max(ours)[1] if ours else "?")


def _hotspot(name: str, verb: str) -> str:
    """The ``vnpolicy`` function with the most own time on a 20 000-character copy of the input."""
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    child = mp.Process(target=_profile, args=(name, verb, queue))
    child.start()
    child.join(60)
    if child.is_alive():
        child.terminate()
        child.join()
        return "? (the profile of a 20 000-character copy ran over a minute)"
    return str(queue.get()) if not queue.empty() else "?"


def timed(name: str, sizes: tuple[int, ...], verb: str, limit: float, repeat: int) -> dict[str, object]:
    """Load time and, per size, the least CPU and wall-clock seconds; ``None`` for a size not finished."""
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    child = mp.Process(target=_run, args=(name, sizes, verb, repeat, queue))
    child.start()
    # the time limit, with room for the smaller sizes, the repeats and the load
    allowed = 30 + limit * 5 * repeat * sum(sizes) / max(sizes)
    child.join(allowed)
    if child.is_alive():
        child.terminate()
        child.join()
    results: dict[int, tuple[float, float]] = {}
    load = None
    while not queue.empty():
        item = queue.get()
        if item[0] == "load":
            load = item[1]
        else:
            results[item[0]] = (item[1], item[2])
    return {
        "load_seconds": None if load is None else round(load, 3),
        "seconds": {str(s): round(results[s][0], 4) if s in results else None for s in sizes},
        "wall_seconds": {str(s): round(results[s][1], 4) if s in results else None for s in sizes},
    }


def _cell(row: dict[str, object], verb: str, sizes: tuple[int, ...]) -> str:
    times = row[verb]
    assert isinstance(times, dict)
    shown = " ".join("   >limit" if times["seconds"][str(s)] is None else f"{times['seconds'][str(s)]:8.3f}s"
                     for s in sizes)
    growth = f"  x{times['growth']:.2f}" if "growth" in times else "       "
    flag = f"  SLOW: {times['hotspot']}" if "hotspot" in times else ""
    return f"{verb} {shown}{growth}{flag}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                        help="input sizes in characters; the largest is held to --limit")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed for the largest size")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the least time is kept")
    parser.add_argument("--only", action="append", help="run only these inputs")
    parser.add_argument("--verb", choices=("repair", "extract"), action="append")
    parser.add_argument("--json", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    sizes = tuple(sorted(args.sizes))
    largest = str(sizes[-1])
    verbs = args.verb or ("repair", "extract")
    rows: list[dict[str, object]] = []
    slow = 0
    from vnpolicy.compiled import build_name

    # what the children run too: they inherit VNPOLICY_PURE_PYTHON
    build = build_name()
    print(f"vnpolicy {build}")
    # growth: time per character at the largest size over that at the smallest (1.00 is linear)
    print(f"{'input':<16}  " + "  ".join(f"{v:<7} " + " ".join(f"{s:>9,}" for s in sizes) + "  growth"
                                         for v in verbs))
    for name in args.only or inputs(sizes[-1]):
        row: dict[str, object] = {"input": name}
        for verb in verbs:
            times = timed(name, sizes, verb, args.limit, args.repeat)
            seconds = times["seconds"]
            assert isinstance(seconds, dict)
            big = seconds[largest]
            if big is None or big > args.limit:
                times["hotspot"] = _hotspot(name, verb)
                slow += 1
            small = seconds[str(sizes[0])]
            if big and small:
                # time per character at the largest size over that at the smallest: 1 is linear
                times["growth"] = round(big / small * sizes[0] / sizes[-1], 2)
            row[verb] = times
        rows.append(row)
        print(f"{name:<16}  " + "  ".join(_cell(row, v, sizes) for v in verbs), flush=True)
    if args.json:
        report = {
            "command": "python benchmarks/pathological.py " + " ".join(argv),
            "limit_seconds": args.limit,
            "sizes": list(sizes),
            "repeat": args.repeat,
            "measure": "least CPU seconds of the child process over the repeats (wall_seconds: least wall clock)",
            "build": build,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": mp.cpu_count(),
            "rows": rows,
        }
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{slow} run(s) over {args.limit:g} s at {sizes[-1]:,} characters" if slow else
          f"every input under {args.limit:g} s at {sizes[-1]:,} characters")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
