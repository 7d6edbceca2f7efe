"""The JSON Lines writer is atomic and never overwrites silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnpolicy.errors import InputValueError
from vnpolicy.io.writers import JsonlWriter


def test_complete_file_appears_only_at_the_end(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with JsonlWriter(out) as w:
        w.write({"id": "a"})
        assert not out.exists()
        assert (tmp_path / "out.jsonl.partial").exists()
    assert out.read_text(encoding="utf-8") == '{"id": "a"}\n'


def test_a_crash_leaves_no_complete_looking_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), JsonlWriter(out) as w:
        w.write({"id": "a"})
        raise RuntimeError("killed")
    assert not out.exists()


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(InputValueError, match="exists"):
        JsonlWriter(out)
    with JsonlWriter(out, overwrite=True) as w:
        w.write({"id": "new"})
    assert "new" in out.read_text(encoding="utf-8")
