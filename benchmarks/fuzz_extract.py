"""Coverage-guided fuzzing of repair() and extract() with atheris (not run in CI).

    pip install -e ".[fuzz]"
    python benchmarks/fuzz_extract.py -max_total_time=600 [corpus_dir]

Each input is fed to :func:`vnpolicy.repair` as bytes and as text, and the
repaired text to :func:`vnpolicy.extract`; a crash is any exception other than
the typed :class:`vnpolicy.errors.EncodingError` of undecodable bytes, a span
whose text is not ``text[start:end]``, or a repair that is not idempotent.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import vnpolicy
    from vnpolicy.errors import EncodingError
    from vnpolicy.records import Mention
    from vnpolicy.repair import repair


def check(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_text = provider.ConsumeUnicodeNoSurrogates(len(data))
    with contextlib.suppress(EncodingError):
        repair(data)
    result = repair(as_text)
    if repair(result.text).text != result.text:
        raise AssertionError(f"repair is not idempotent on {as_text!r}")
    record = vnpolicy.extract(result.text)
    for kind in record.KINDS:
        for mention in getattr(record, kind):
            if isinstance(mention, Mention) and result.text[mention.start:mention.end] != mention.text:
                raise AssertionError(f"{kind} span {mention.start}:{mention.end} is not {mention.text!r}")


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
