"""Legacy-encoding repair, ours against viparse, on the dev gold texts: ``python benchmarks/repair_encodings.py``.

The dev gold texts (``corpora/gold/dev.jsonl``) are written in each legacy
encoding by an implementation that is not ours, then repaired, and the result
is compared with the original NFC text:

=================  ==========================================================
corpus             written by
=================  ==========================================================
tcvn3              GNU recode ``TCVN`` (glibc's TCVN 5712:1993 VN1 charmap)
tcvn3-vn3          viparse's TCVN3 table, capitals written small (``.VnTimeH``)
vni                GNU recode ``VNI``
viscii             the ``viscii`` codec of PyPI's ``viscii-codec`` (Unicode's VISCII.TXT)
viqr               GNU recode ``VIQR`` (RFC 1456, marks not escaped)
cp1258             Python's ``cp1258`` codec (tones as combining bytes, as Windows writes them)
mojibake-cp1252    Python: UTF-8 bytes read as Windows-1252 (undefined bytes kept, as browsers do)
mojibake-latin1    Python: UTF-8 bytes read as Latin-1
=================  ==========================================================

A character the encoding cannot write (``“``, ``–``) stays a Unicode character
in the text form, as it does in a Word document set in a legacy font; the bytes
form (``--bytes``) writes it in Windows-1252.

Accuracy is ``1 - edits / length`` (edits from difflib's alignment) against the
gold text, and against the gold text after the Unicode-only repairs (tone
placement ``hoá`` -> ``hóa`` and quotes are deliberate changes, not errors).
Needs ``apt-get install recode`` and ``pip install -e '.[bench]'``.

``--write-syllable-counts UNC.tar.gz`` rebuilds ``vnpolicy/data/encodings_viqr_syllables.json``
(the counts VIQR uses to read a word-final ``.`` or ``?``) from the Underthesea
News Corpus archive in ``../shared/corpora/``, leaving out the articles that the
dev gold passages come from.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnpolicy.encodings.tables import decode_sloppy_cp1252  # noqa: E402
from vnpolicy.repair import repair  # noqa: E402

RECODE_NAMES = {"tcvn3": "TCVN", "vni": "VNI", "viqr": "VIQR"}
VIPARSE_NAMES = {"tcvn3": "tcvn3", "tcvn3-vn3": "tcvn3", "vni": "vni", "viscii": "viscii"}


def gold_texts() -> list[str]:
    path = ROOT.parent / "shared" / "gold" / "dev.jsonl"
    if not path.exists():
        path = ROOT / "corpora" / "gold" / "dev.jsonl"
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def recode_table(name: str, chars: list[str]) -> dict[str, bytes]:
    """Each character as GNU recode writes it in ``name``; characters it cannot write round trip are left out."""
    sep = "\n"
    encoded = subprocess.run(["recode", "-f", f"utf8..{name}"], input=sep.join(chars).encode(),
                             capture_output=True, check=True).stdout.split(sep.encode())
    back = subprocess.run(["recode", "-f", f"{name}..utf8"], input=sep.encode().join(encoded),
                          capture_output=True, check=True).stdout.decode().split(sep)
    return {c: e for c, e, b in zip(chars, encoded, back, strict=True) if b == c and e and e != c.encode()}


def viparse_vn3_table() -> dict[str, bytes]:
    """viparse's TCVN3 table turned round: letter -> byte (its keys are Latin-1 characters)."""
    from viparse.normalize.tcvn3 import TCVN3  # type: ignore[import-untyped]

    return {letter: legacy.encode("latin-1") for legacy, letter in TCVN3.pairs}


def viscii_table(chars: list[str]) -> dict[str, bytes]:
    import viscii  # type: ignore[import-untyped]  # noqa: F401  (registers the codec)

    out = {}
    for c in chars:
        try:
            data = c.encode("viscii")
        except UnicodeEncodeError:
            continue
        if data != c.encode("latin-1", errors="replace"):
            out[c] = data
    return out


def cp1258_bytes(char: str) -> bytes | None:
    """A letter as Windows writes it in Windows-1258: base (with its breve, circumflex or horn), then the tone."""
    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
    try:
        return (base + tone).encode("cp1258")
    except UnicodeEncodeError:
        return None


# What a file in an encoding with no room for Windows-1252 punctuation (VISCII) holds instead.
ASCII_PUNCTUATION = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u00a0": " "}


def encode_text(text: str, table: dict[str, bytes], *, as_bytes: bool, lower_missing: bool = False,
                ascii_fallback: bool = False) -> str | bytes:
    pieces_s: list[str] = []
    pieces_b: list[bytes] = []
    for char in text:
        data = table.get(char)
        if data is None and lower_missing and char.lower() in table and not char.isascii():
            data = table[char.lower()]
        if data is None:
            pieces_s.append(char)
            if ascii_fallback and char in ASCII_PUNCTUATION:
                pieces_b.append(ASCII_PUNCTUATION[char].encode())
            else:
                pieces_b.append(char.encode("cp1252", errors="replace") if not char.isascii() else char.encode())
        else:
            pieces_s.append(data.decode("latin-1"))
            pieces_b.append(data)
    return b"".join(pieces_b) if as_bytes else "".join(pieces_s)


def _as_bytes(data: str | bytes) -> bytes:
    return data if isinstance(data, bytes) else data.encode("latin-1")


def build(name: str, texts: list[str], *, as_bytes: bool) -> list[str | bytes]:
    chars = sorted({c for t in texts for c in t if not c.isascii()})
    if name in RECODE_NAMES:
        table = recode_table(RECODE_NAMES[name], chars)
        if name == "viqr":
            return [encode_text(t, table, as_bytes=as_bytes) for t in texts]
        return [encode_text(t, table, as_bytes=as_bytes) for t in texts]
    if name == "tcvn3-vn3":
        vn3 = viparse_vn3_table()
        return [encode_text(t, vn3, as_bytes=as_bytes, lower_missing=True) for t in texts]
    if name == "viscii":
        # a VISCII file has every byte 0x80-0xFF taken by letters: punctuation is ASCII there
        return [encode_text(t, viscii_table(chars), as_bytes=as_bytes, ascii_fallback=True) for t in texts]
    if name == "cp1258":
        table = {c: b for c in chars if (b := cp1258_bytes(c)) is not None and b != c.encode("latin-1", "replace")}
        if as_bytes:
            return [encode_text(t, table, as_bytes=True) for t in texts]
        # as text: the Windows-1258 bytes read as Windows-1252 (a mislabelled web page)
        return [decode_sloppy_cp1252(_as_bytes(encode_text(t, table, as_bytes=True))) for t in texts]
    if name == "mojibake-cp1252":
        return [decode_sloppy_cp1252(t.encode("utf-8")) for t in texts]
    if name == "mojibake-latin1":
        return [t.encode("utf-8").decode("latin-1") for t in texts]
    raise ValueError(name)


def errors(got: str, want: str) -> int:
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def accuracy(outputs: list[str], references: list[str]) -> float:
    total = sum(len(r) for r in references)
    return 1 - sum(errors(o, r) for o, r in zip(outputs, references, strict=True)) / total


def run(name: str, texts: list[str], *, as_bytes: bool) -> dict[str, object]:
    legacy = build(name, texts, as_bytes=as_bytes)
    if name == "viscii" and as_bytes:
        swap: dict[str, str | int | None] = dict(ASCII_PUNCTUATION)
        texts = [t.translate(str.maketrans(swap)) for t in texts]
    gold = [unicodedata.normalize("NFC", t) for t in texts]
    unified = [repair(t, encoding="utf-8").text for t in gold]
    row: dict[str, object] = {"corpus": name, "form": "bytes" if as_bytes else "text"}
    tried: dict[str, Callable[[str | bytes], str]] = {"vnpolicy": lambda x: repair(x).text}
    viparse_name = VIPARSE_NAMES.get(name)
    if viparse_name is not None and not as_bytes and _has_viparse():
        import viparse  # type: ignore[import-untyped]

        tried["viparse-auto"] = lambda x: viparse.fix(str(x))
        tried["viparse-forced"] = lambda x: viparse.fix(str(x), encoding=viparse_name)
        tried["vnpolicy-forced"] = lambda x: repair(x, encoding=name.split("-")[0]).text
    for label, fix in tried.items():
        started = time.perf_counter()
        out = [fix(x) for x in legacy]
        seconds = time.perf_counter() - started
        row[label] = {"acc": round(accuracy(out, unified), 5), "acc_raw": round(accuracy(out, gold), 5),
                      "errors": sum(errors(o, r) for o, r in zip(out, unified, strict=True)),
                      "acc_casefold": round(accuracy([o.casefold() for o in out], [u.casefold() for u in unified]), 5),
                      "s": round(seconds, 2)}
    row["changes"] = sorted({c for x in legacy for c in repair(x).changes})
    return row


def _has_viparse() -> bool:
    try:
        import viparse  # noqa: F401
    except ImportError:
        return False
    return True


def write_syllable_counts(archive: Path, out: Path) -> None:
    """Count, per vowel-final syllable, how often it stands before a capital and how often it ends a sentence.

    A VIQR word ending in ``.`` before a capital is either a nặng tone in a name
    or title (``Thi. Kim`` is ``Thị Kim``) or a full stop (``ra. Sau``); Unicode
    news says which is more common for each syllable.
    """
    import re
    import tarfile

    from vnpolicy.encodings.syllables import parse, split_tone

    gold_lines = {line.strip()[:60] for t in gold_texts() for line in t.split("\n") if len(line.strip()) > 60}
    word = re.compile(r"([^\W\d_]+)([.?]?)(?=(\s+)(\S)|$)", re.M)
    counts: dict[str, list[int]] = {}
    articles = skipped = 0
    with tarfile.open(archive) as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.name.endswith(".txt") else None
            if handle is None:
                continue
            lines = [line for line in handle.read().decode("utf-8").splitlines() if not line.startswith("# ")]
            if any(line.strip()[:60] in gold_lines for line in lines):
                skipped += 1
                continue
            articles += 1
            for line in lines:
                for m in word.finditer(unicodedata.normalize("NFC", line)):
                    syllable, stop, follower = m.group(1).lower(), m.group(2), m.group(4)
                    split = split_tone(syllable)
                    if split is None or split[1] not in (-1, 1, 4):
                        continue
                    parsed = parse(split[0])
                    if parsed is None or parsed[2]:
                        continue
                    row = counts.setdefault(syllable, [0, 0, 0])
                    if not stop and follower is not None and (follower.isupper() or follower.isdigit()):
                        row[0] += 1
                    elif stop and (follower is None or follower.isupper()):
                        row[1 if stop == "." else 2] += 1
    table = {k: v for k, v in sorted(counts.items()) if any(v)}
    lines = [
        "{",
        ' "name": "viqr-syllables",',
        ' "title": "Vowel-final syllables (no tone, hỏi or nặng): [before a capital or digit, ending a sentence '
        "with '.', ending one with '?']\",",
        ' "source": ' + json.dumps(f"Underthesea News Corpus (dantri.com.vn 2020-2021, GPL-3.0), {articles} "
                                   f"articles; {skipped} articles holding dev gold passages left out",
                                   ensure_ascii=False) + ",",
        ' "counts": {',
        ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in table.items()),
        " }",
        "}",
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} syllables from {articles} articles ({skipped} skipped) -> {out}")


CORPORA = ("tcvn3", "tcvn3-vn3", "vni", "viscii", "viqr", "cp1258", "mojibake-cp1252", "mojibake-latin1")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--bytes", action="store_true", help="also repair the bytes form")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write-syllable-counts", type=Path, metavar="UNC_TAR_GZ")
    args = parser.parse_args(argv)
    if args.write_syllable_counts:
        write_syllable_counts(args.write_syllable_counts, ROOT / "vnpolicy" / "data" / "encodings_viqr_syllables.json")
        return 0
    if shutil.which("recode") is None:
        print("recode is not installed (apt-get install recode); skipping tcvn3, vni, viqr", file=sys.stderr)
    texts = gold_texts()
    rows = []
    for name in args.corpus or CORPORA:
        if name in RECODE_NAMES and shutil.which("recode") is None:
            continue
        for as_bytes in (False, True) if args.bytes and name not in ("mojibake-latin1",) else (False,):
            rows.append(run(name, texts, as_bytes=as_bytes))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(texts)} dev gold texts, {sum(map(len, texts))} characters; accuracy against gold after tone/quote "
          "unification (raw gold | case-folded)")
    for row in rows:
        cells = [f"{row['corpus']:<16} {row['form']:<5}"]
        for label in ("vnpolicy", "vnpolicy-forced", "viparse-auto", "viparse-forced"):
            cell = row.get(label)
            if isinstance(cell, dict):
                cells.append(f"{label} {cell['acc']:.4f} ({cell['acc_raw']:.4f} | {cell['acc_casefold']:.4f}) "
                             f"{cell['errors']} err {cell['s']:.2f}s")
        print("  ".join(cells))
        print(f"{'':<23}changes seen: {', '.join(row['changes'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
