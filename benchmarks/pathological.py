"""Hostile inputs must run in linear time: ``python benchmarks/pathological.py [--size 1000000]``.

Each input (a long run of digits, of dots, thousands of quotes, nested
slashes, one line of a megabyte, ``ngày`` repeated, stacked combining marks,
legacy bytes, ...) goes through :func:`vnpolicy.repair` and :func:`vnpolicy.extract`
in a child process with a time limit, so that one quadratic case cannot hang the
run. A run over the limit (2 s by default, for the 1 MB versions) is reported
with the function of ``vnpolicy`` that took the most time, found by profiling
the same input at 20 000 characters. The tests run the 100 KB versions
(``tests/test_adversarial.py``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def inputs(size: int) -> dict[str, Callable[[], str]]:
    """The hostile inputs, about ``size`` characters each (built lazily)."""
    sentence = "Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 quy định 1.234,5 tỷ đồng, chiếm 45% (“Đổi mới”). "
    return {
        "digits": lambda: "1" * size,
        "digits-dots": lambda: "1." * (size // 2),
        "dots": lambda: "." * size,
        "digits-commas": lambda: "1," * (size // 2),
        "numbers-spaced": lambda: "12 " * (size // 3),
        "ascii-quotes": lambda: '"' * size,
        "curly-quotes": lambda: "“”" * (size // 2),
        "quoted-words": lambda: "“a” " * (size // 4),
        "nested-slashes": lambda: "1/" * (size // 2) + "1",
        "slash-symbols": lambda: "/QĐ-TTg" * (size // 7),
        "ngay": lambda: "ngày " * (size // 5),
        "ngay-thang-nam": lambda: "ngày 1 tháng 1 năm " * (size // 19),
        "one-line": lambda: sentence * (size // len(sentence)),
        "combining-marks": lambda: "a\u0301\u0323\u0300\u0309" * (size // 5),
        "nfd-text": lambda: __import__("unicodedata").normalize("NFD", sentence) * (size // len(sentence)),
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


def _run(name: str, size: int, verb: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import vnpolicy
    from vnpolicy.repair import repair

    text = inputs(size)[name]()
    started = time.perf_counter()
    if verb == "repair":
        repair(text)
    else:
        vnpolicy.extract(text)
    queue.put(time.perf_counter() - started)


HOTSPOT_SIZE = 20_000


def _profile(name: str, verb: str, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    import cProfile
    import pstats

    import vnpolicy
    from vnpolicy.repair import repair

    text = inputs(HOTSPOT_SIZE)[name]()
    profile = cProfile.Profile()
    profile.runcall(repair if verb == "repair" else vnpolicy.extract, text)
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


def timed(name: str, size: int, verb: str, limit: float) -> tuple[float | None, str]:
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    child = mp.Process(target=_run, args=(name, size, verb, queue))
    child.start()
    child.join(limit * 5)
    if child.is_alive():
        child.terminate()
        child.join()
        return None, _hotspot(name, verb)
    seconds = queue.get() if not queue.empty() else None
    if seconds is None:
        return None, "crashed"
    return seconds, _hotspot(name, verb) if seconds > limit else ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed per input")
    parser.add_argument("--only", action="append", help="run only these inputs")
    parser.add_argument("--verb", choices=("repair", "extract"), action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    slow = 0
    for name in args.only or inputs(args.size):
        row: dict[str, object] = {"input": name}
        for verb in args.verb or ("repair", "extract"):
            seconds, hotspot = timed(name, args.size, verb, args.limit)
            row[verb] = None if seconds is None else round(seconds, 3)
            if hotspot:
                row[f"{verb}_hotspot"] = hotspot
                slow += 1
        rows.append(row)
        if not args.json:
            cells = [f"{name:<16}"]
            for verb in args.verb or ("repair", "extract"):
                value = row[verb]
                shown = f">{args.limit * 5:.0f}s" if value is None else f"{value:.3f}s"
                flag = "  SLOW: " + str(row[f"{verb}_hotspot"]) if f"{verb}_hotspot" in row else ""
                cells.append(f"{verb} {shown:>8}{flag}")
            print("  ".join(cells), flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
