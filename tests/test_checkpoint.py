"""Checkpoints are atomic and refuse to resume a run over changed inputs or settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vnpolicy.errors import CheckpointError
from vnpolicy.io.checkpoint import Checkpoint, check_fingerprint, fingerprint, load_checkpoint, save_checkpoint


def test_round_trip_and_no_leftover_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "run.checkpoint.json"
    assert load_checkpoint(path) is None
    saved = Checkpoint(fingerprint="f", done=10, records=9, errors=1, state={"offsets": [10, 2]},
                       described={"settings": {"format": "jsonl"}})
    save_checkpoint(path, saved)
    assert load_checkpoint(path) == saved
    assert [p.name for p in tmp_path.iterdir()] == ["run.checkpoint.json"]


def test_damaged_checkpoint_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "run.checkpoint.json"
    path.write_text('{"version": 1, "done": ', encoding="utf-8")
    with pytest.raises(CheckpointError, match="--overwrite"):
        load_checkpoint(path)


def test_fingerprint_changes_with_inputs_and_settings(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_text('{"text": "Năm 2019"}\n', encoding="utf-8")
    first, described = fingerprint([data], {"format": "jsonl"})
    assert fingerprint([data], {"format": "jsonl"})[0] == first
    assert fingerprint([data], {"format": "parquet"})[0] != first
    saved = Checkpoint(fingerprint=first, done=1, records=1, errors=0, described=described)
    data.write_text('{"text": "Năm 2020"}\n', encoding="utf-8")
    os.utime(data, ns=(1, 1))
    changed, now = fingerprint([data], {"format": "jsonl"})
    with pytest.raises(CheckpointError, match="the inputs changed"):
        check_fingerprint(saved, changed, now, tmp_path / "run.checkpoint.json")
