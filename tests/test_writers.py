"""The JSON Lines writers are atomic, never overwrite silently, and resume from their checkpoint."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vnpolicy.errors import CheckpointError, InputValueError, OutputExistsError
from vnpolicy.io.output import EncodedChunk
from vnpolicy.io.writers import JsonlEncoder, JsonlOutput, JsonlWriter


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


def _chunk(first: int, ids: list[str], errors: list[str] | None = None) -> EncodedChunk[tuple[bytes, bytes]]:
    from vnpolicy.io.documents import Document, ReadError
    from vnpolicy.io.output import Extracted
    from vnpolicy.records import Record

    results: list[Extracted | ReadError] = [Extracted(Document(id=i, text="Năm 2019"), Record(text="Năm 2019", id=i))
                                            for i in ids]
    results += [ReadError(e, "x.zip", "DecodeError", "not UTF-8") for e in errors or []]
    return EncodedChunk(first, len(results), len(errors or []), JsonlEncoder()(results, first))


def test_records_and_errors_appear_only_when_the_run_finishes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with JsonlOutput(out) as output:
        output.write(_chunk(0, ["a", "b"], ["c"]))
        output.commit()
        assert not out.exists() and (tmp_path / "out.jsonl.checkpoint.json").exists()
        output.finish()
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
    assert json.loads((tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8"))["id"] == "c"
    assert not (tmp_path / "out.jsonl.checkpoint.json").exists()


def test_resume_drops_what_came_after_the_checkpoint(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    output = JsonlOutput(out, fingerprint=("f1", {}))
    output.write(_chunk(0, ["a", "b"]))
    output.commit()
    output.write(_chunk(2, ["c"], ["d"]))  # written, never committed: the run is killed here
    output.close()
    with pytest.raises(OutputExistsError, match="--resume"):
        JsonlOutput(out, fingerprint=("f1", {}))
    with pytest.raises(CheckpointError, match="changed"):
        JsonlOutput(out, resume=True, fingerprint=("f2", {}))
    with JsonlOutput(out, resume=True, fingerprint=("f1", {})) as resumed:
        assert resumed.start == 2
        resumed.write(_chunk(2, ["c"], ["d"]))
        resumed.finish()
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "b", "c"]
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()] == ["d"]
    assert JsonlOutput(out, resume=True, fingerprint=("f1", {})).complete


def test_killed_between_the_final_renames_resumes_to_the_same_files(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    output = JsonlOutput(out, fingerprint=("f", {}))
    output.write(_chunk(0, ["a"], ["b"]))
    output.commit()
    output.close()
    os.replace(tmp_path / "out.jsonl.errors.jsonl.partial", tmp_path / "out.jsonl.errors.jsonl")
    with JsonlOutput(out, resume=True, fingerprint=("f", {})) as resumed:
        assert resumed.start == 2
        resumed.finish()
    assert out.read_text(encoding="utf-8").count("\n") == 1
    assert (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").count("\n") == 1
