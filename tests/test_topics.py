"""Topic classifiers: features, the numpy model and its storage, training, the CLI, the shipped models.

Everything here runs on a fresh clone: the real data is the bundled sample
``corpora/topics/unc-sample.jsonl`` (240 UNC news articles, GPL-3.0) and the
shipped models under ``models/``.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import pytest

from vnpolicy.errors import ModelError, ModelIntegrityError, TrainingDataError, VnpolicyError
from vnpolicy.topics import POLICY_LABELS, classify_topics, load_model, predict_topics
from vnpolicy.topics.cli import main as topics_cli
from vnpolicy.topics.features import SyllableFeaturizer, split_title, syllables
from vnpolicy.topics.model import LinearTopicModel, timed_load
from vnpolicy.topics.taxonomy import POLICY_AREAS
from vnpolicy.topics.weak_labels import KeywordCues, weak_label

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "topics" / "unc-sample.jsonl"
POLICY_MODEL = ROOT / "vnpolicy" / "models" / "policy-topics"
UNC_MODEL = ROOT / "models" / "unc-news"
UNC_TO_AREAS = {"business": ["kinh_te"], "education": ["giao_duc"], "health": ["y_te"],
                "tech": ["khoa_hoc_cong_nghe"], "world": []}

needs_sklearn = pytest.mark.skipif(importlib.util.find_spec("sklearn") is None,
                                   reason="training needs scikit-learn (the 'train' extra)")


def sample_rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


# -- features ---------------------------------------------------------------

@pytest.mark.parametrize(("case", "text", "expected", "reason"), [
    ("nfd", "Nghi\u0323 đi\u0323nh", ["nghị", "định"], "decomposed input reads as composed"),
    ("old-tone", "Hoà bình, thuỷ lợi, khoẻ", ["hòa", "bình", "thủy", "lợi", "khỏe"], "one tone style"),
    ("qu", "quý, quà", ["quý", "quà"], "the u of qu is a consonant: no tone move"),
    ("digits", "Quý I/2017, 4G", ["quý", "i", "0000", "0g"], "numbers fold to shapes"),
    ("garbage", "\x00\ufffd<<>>", [], "symbols are not syllables"),
])
def test_syllables(case: str, text: str, expected: list[str], reason: str) -> None:
    assert syllables(text) == expected, reason


def test_title_is_first_short_line() -> None:
    assert split_title("Tiêu đề\nThân bài") == ("Tiêu đề", "Thân bài")
    assert split_title("x" * 400 + "\nThân bài")[0] == ""


def test_featurizer_is_unit_length_and_robust() -> None:
    texts = [r["text"] for r in sample_rows()[:50]]
    f = SyllableFeaturizer.build(texts, min_df=2)
    cols, vals = f.transform_one(texts[0])
    assert np.all(np.diff(cols) > 0)
    assert abs(float(np.dot(vals, vals)) - 1.0) < 1e-4
    for odd in ["", " ", "\n\n\n", "\x00" * 10, "🙂" * 100]:
        c, v = f.transform_one(odd)
        assert c.size == v.size


def test_binary_weighting_counts_presence_only() -> None:
    f = SyllableFeaturizer.build(["nông thôn mới", "nông thôn", "thôn quê"], min_df=1, title_weight=0, tf="binary")
    cols, vals = f.transform_one("nông thôn nông thôn nông thôn mới")
    once_cols, once_vals = f.transform_one("nông thôn mới")
    assert np.array_equal(cols, once_cols) and np.allclose(vals, once_vals)
    expected = f.idf[cols] / np.linalg.norm(f.idf[cols])
    assert np.allclose(vals, expected)
    with pytest.raises(ValueError, match="tf must be"):
        SyllableFeaturizer(unigrams=["a"], bigrams=np.zeros((0, 2), dtype=np.int64),
                           idf=np.ones(1, dtype=np.float32), tf="raw")  # type: ignore[arg-type]


def test_prediction_time_is_linear_on_a_long_document() -> None:
    model = LinearTopicModel.toy()
    text = "Bệnh viện khám chữa bệnh cho học sinh sinh viên. " * 200_000  # about 10 MB
    start = time.perf_counter()
    scores = model.classify(text)
    assert time.perf_counter() - start < 20
    assert len(scores) == 2


# -- model storage ----------------------------------------------------------

def test_save_load_round_trip(tmp_path: Path) -> None:
    model = LinearTopicModel.toy()
    model.save(tmp_path / "m")
    back = LinearTopicModel.load(tmp_path / "m")
    text = "Bệnh viện khám bệnh"
    assert [s.label for s in back.classify(text)] == [s.label for s in model.classify(text)]
    assert abs(back.classify(text)[0].score - model.classify(text)[0].score) < 1e-3


def test_tampered_weights_fail_the_sha256_check(tmp_path: Path) -> None:
    folder = LinearTopicModel.toy().save(tmp_path / "m")
    data = bytearray((folder / "weights.npz").read_bytes())
    data[-10] ^= 0xFF
    (folder / "weights.npz").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        LinearTopicModel.load(folder)


def test_tampered_vocabulary_fails_the_sha256_check(tmp_path: Path) -> None:
    folder = LinearTopicModel.toy().save(tmp_path / "m")
    (folder / "vocab.json").write_text('["bệnh", "học", "viện", "x"]', encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match=r"vocab\.json"):
        LinearTopicModel.load(folder)


def test_missing_model_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.json is missing"):
        LinearTopicModel.load(tmp_path)
    folder = LinearTopicModel.toy().save(tmp_path / "m")
    (folder / "weights.npz").unlink()
    with pytest.raises(ModelError, match="missing"):
        LinearTopicModel.load(folder)


def test_wrong_input_type() -> None:
    with pytest.raises(VnpolicyError, match="str"):
        LinearTopicModel.toy().classify(b"bytes")  # type: ignore[arg-type]


@needs_sklearn
# -- training on real data --------------------------------------------------

def test_train_single_label_on_real_news_in_seconds(tmp_path: Path) -> None:
    from vnpolicy.topics.training import TopicClassifier

    rows = sample_rows()
    start = time.perf_counter()
    clf = TopicClassifier(cv=3, nb_scale=True)
    assert clf.fit([r["text"] for r in rows], [r["label"] for r in rows]) is clf
    assert time.perf_counter() - start < 60
    assert clf.multilabel_ is False and len(clf.classes_) == 10
    assert float(clf.cv_report_["accuracy"]) > 0.6  # type: ignore[arg-type]
    model = clf.to_model()
    assert model.predict("Đội tuyển bóng đá Việt Nam thắng trận, huấn luyện viên khen cầu thủ")[0].label == "sport"
    probs = model.probabilities("Học sinh thi tốt nghiệp THPT")
    assert abs(float(probs.sum()) - 1.0) < 1e-4
    model.save(tmp_path / "m")
    assert LinearTopicModel.load(tmp_path / "m").predict("Bộ Y tế: bệnh viện quá tải")[0].label == "health"


@needs_sklearn
def test_train_nbsvm_with_presence_features(tmp_path: Path) -> None:
    from vnpolicy.topics.training import TopicClassifier

    rows = sample_rows()
    clf = TopicClassifier(cv=3, nb_scale=True, tf="binary", loss="squared_hinge", C=1.0)
    clf.fit([r["text"] for r in rows], [r["label"] for r in rows])
    assert float(clf.cv_report_["accuracy"]) > 0.6  # type: ignore[arg-type]
    folder = clf.to_model().save(tmp_path / "m")
    assert json.loads((folder / "model.json").read_text("utf-8"))["featurizer"]["tf"] == "binary"
    back = LinearTopicModel.load(folder)
    assert back.featurizer.tf == "binary"
    assert back.predict("Đội tuyển bóng đá Việt Nam thắng trận, huấn luyện viên khen cầu thủ")[0].label == "sport"
    with pytest.raises(ValueError, match="loss must be"):
        TopicClassifier(loss="hinge").fit([r["text"] for r in rows], [r["label"] for r in rows])


@needs_sklearn
def test_train_multi_label_on_real_news() -> None:
    from vnpolicy.topics.training import TopicClassifier

    rows = [r for r in sample_rows() if r["label"] in UNC_TO_AREAS]
    clf = TopicClassifier(cv=3).fit([r["text"] for r in rows], [UNC_TO_AREAS[r["label"]] for r in rows])
    assert clf.multilabel_ is True
    assert set(clf.classes_) == {"kinh_te", "giao_duc", "y_te", "khoa_hoc_cong_nghe"}
    assert float(clf.cv_report_["micro_f1"]) > 0.6  # type: ignore[arg-type]
    assert all(0.0 < t < 1.0 for t in clf.thresholds_)


def test_estimator_conventions() -> None:
    from vnpolicy.topics.training import TopicClassifier

    clf = TopicClassifier(C=3.0)
    assert clf.get_params()["C"] == 3.0
    assert clf.set_params(C=5.0) is clf and clf.C == 5.0
    assert not [k for k in vars(clf) if k.endswith("_")]
    with pytest.raises(ValueError, match="unknown parameter"):
        clf.set_params(gamma=1)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_sklearn
@pytest.mark.parametrize(("case", "lines", "message"), [
    ("not-json", ['{"text": "a", "label": "x"}', "{oops"], r"bad\.jsonl:2: not a JSON object"),
    ("no-text", ['{"label": "x"}'], r"bad\.jsonl:1: no text"),
    ("blank-text", ['{"text": "  ", "label": "x"}'], r"bad\.jsonl:1: no text"),
    ("no-labels", ['{"text": "Giá lúa tăng"}'], r"bad\.jsonl:1: no labels"),
    ("bad-labels", ['{"text": "Giá lúa tăng", "labels": "kinh_te, y_te"}'.replace('"kinh_te, y_te"', "3")],
     r"bad\.jsonl:1: 'labels' must be a list"),
    ("mixed", ['{"text": "a", "label": "x"}', '{"text": "b", "labels": ["x"]}'], r"bad\.jsonl:2: mixes"),
    ("array-line", ['["text", "label"]'], r"bad\.jsonl:1: a line must be a JSON object"),
])
def test_malformed_labelled_files(tmp_path: Path, case: str, lines: list[str], message: str) -> None:
    from vnpolicy.topics.training import train_topics

    with pytest.raises(TrainingDataError, match=message):
        train_topics(_write(tmp_path / "bad.jsonl", lines))


@needs_sklearn
def test_rare_label_is_named(tmp_path: Path) -> None:
    from vnpolicy.topics.training import train_topics

    rows = [r for r in sample_rows() if r["label"] in ("sport", "health")]
    lines = [json.dumps({"text": r["text"], "label": r["label"]}, ensure_ascii=False) for r in rows]
    lines += [json.dumps({"text": rows[0]["text"], "label": "lottery"}, ensure_ascii=False)] * 2
    with pytest.raises(TrainingDataError, match=r"label 'lottery' has 2 example\(s\)"):
        train_topics(_write(tmp_path / "rare.jsonl", lines))


def test_not_utf8_and_missing_files(tmp_path: Path) -> None:
    from vnpolicy.topics.training import read_labelled

    (tmp_path / "latin.jsonl").write_bytes('{"text": "Giá lúa", "label": "x"}'.encode("utf-16"))
    with pytest.raises(TrainingDataError, match="not UTF-8"):
        read_labelled(tmp_path / "latin.jsonl")
    with pytest.raises(TrainingDataError, match="no such file"):
        read_labelled(tmp_path / "none.jsonl")


@needs_sklearn
# -- command line -----------------------------------------------------------

def test_cli_train_and_classify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [r for r in sample_rows() if r["label"] in ("sport", "health", "education")]
    labelled = _write(tmp_path / "l.jsonl", [json.dumps(r, ensure_ascii=False) for r in rows])
    assert topics_cli(["train-topics", str(labelled), "-o", str(tmp_path / "m"), "--cv", "3"]) == 0
    out = capsys.readouterr().out
    assert "cross-validated" in out and "micro-F1" in out
    assert topics_cli(["train-topics", str(labelled), "-o", str(tmp_path / "m")]) == 2
    assert "--overwrite" in capsys.readouterr().err

    docs = _write(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "text": "Bệnh viện tiếp nhận nhiều bệnh nhân sốt xuất huyết"}, ensure_ascii=False),
        json.dumps({"id": "b", "text": "Đội tuyển bóng đá giành chiến thắng"}, ensure_ascii=False),
    ])
    result = tmp_path / "out.jsonl"
    assert topics_cli(["classify", str(docs), "-o", str(result), "--model", str(tmp_path / "m")]) == 0
    got = {r["id"]: r["topics"][0]["label"] for r in map(json.loads, result.read_text("utf-8").splitlines())}
    assert got == {"a": "health", "b": "sport"}


@needs_sklearn
def test_cli_errors_are_messages_not_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path / "bad.jsonl", ['{"text": "a"}'])
    assert topics_cli(["train-topics", str(bad), "-o", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vnpolicy: error:") and "bad.jsonl:1: no labels" in err
    assert "Traceback" not in err
    assert topics_cli(["classify", str(bad), "--model", str(tmp_path / "nowhere")]) == 2
    assert "model.json is missing" in capsys.readouterr().err


# -- data files -------------------------------------------------------------

def test_cue_data_names_only_the_15_areas() -> None:
    kw = json.loads((ROOT / "vnpolicy" / "data" / "topics_keywords.json").read_text("utf-8"))
    maps = json.loads((ROOT / "vnpolicy" / "data" / "topics_mappings.json").read_text("utf-8"))
    assert list(kw["labels"]) == list(POLICY_LABELS) == list(POLICY_AREAS)
    for area, tiers in kw["labels"].items():
        for tier in ("strong", "weak"):
            assert len(set(tiers[tier])) == len(tiers[tier]), f"{area}/{tier} has duplicates"
    used = [a for v in maps["phapdien"]["chu_de"].values() if v for a in v]
    used += [a for v in maps["phapdien"]["de_muc"].values() for a in v]
    used += [a for v in maps["unc"].values() if isinstance(v, list) for a in v]
    used += list(maps["issuer_codes"].values())
    assert set(used) <= set(POLICY_LABELS)
    assert set(POLICY_LABELS) - {"xay_dung_dang"} <= set(used)  # Party texts are not state law


@pytest.mark.parametrize(("case", "text", "labels", "reason"), [
    ("health", "Bộ Y tế chỉ đạo chống dịch sốt xuất huyết\nCác bệnh viện tăng cường phòng dịch, "
               "bảo đảm thuốc cho bệnh nhân.", ("y_te",), "ministry and epidemic cues"),
    ("foreign", "Tổng thống Trump gặp Thủ tướng Anh\nHai nhà lãnh đạo bàn về thương mại.", (),
     "another country's affairs get no area"),
    ("reference", "Hướng dẫn mới\nThông tư 15/2017/TT-BYT quy định giá dịch vụ khám bệnh tại bệnh viện.",
     ("y_te",), "the ministry code of a symbol"),
])
def test_weak_labels(case: str, text: str, labels: tuple[str, ...], reason: str) -> None:
    assert weak_label(text, KeywordCues.load()).labels == labels, reason


# -- the shipped models -----------------------------------------------------

def test_policy_model_loads_fast_and_checks_its_files() -> None:
    model, seconds = timed_load(POLICY_MODEL)
    assert seconds < 1.0, f"load took {seconds:.2f} s"
    assert model.labels == POLICY_LABELS and model.multilabel
    assert load_model() is load_model()


@pytest.mark.parametrize(("case", "text", "expected", "reason"), [
    ("education", "Phụ huynh lo lắng vì học phí tiếp tục tăng\nNhiều trường đại học, cao đẳng công bố mức "
                  "học phí mới cho sinh viên năm học 2017-2018.", "giao_duc", "tuition fees"),
    ("party", "Ông Nguyễn Thanh Quang giữ chức Bí thư Quận ủy\nBan Thường vụ Thành ủy đã chỉ định ông "
              "giữ chức Bí thư Quận ủy nhiệm kỳ 2015-2020.", "xay_dung_dang", "Party personnel"),
    ("agriculture", "Cơ giới hóa đồng bộ trong sản xuất lúa\nNông dân đồng bằng sông Cửu Long đưa máy gặt "
                    "đập liên hợp vào sản xuất lúa, giảm chi phí.", "nong_nghiep_nong_thon", "rice farming"),
])
def test_policy_model_on_real_style_news(case: str, text: str, expected: str, reason: str) -> None:
    assert predict_topics(text)[0].label == expected, reason
    scores = classify_topics(text)
    assert scores[0].label == expected
    assert sorted(s.label for s in scores) == sorted(POLICY_LABELS)
    assert all(0.0 <= s.score <= 1.0 for s in scores)


def test_policy_model_gives_no_area_to_foreign_news() -> None:
    text = ("Tân Tổng thống Pháp Macron cam kết khôi phục lòng tin của người dân\n"
            "Tổng thống Pháp Emmanuel Macron tuyên bố sẽ khôi phục lòng tin của người dân Pháp vào chính trị.")
    assert predict_topics(text) == []


def test_unc_model_is_the_setting_chosen_by_cross_validation_on_train() -> None:
    selection = json.loads((ROOT / "benchmarks" / "results" / "topics_unc_selection.json").read_text("utf-8"))
    meta = json.loads((UNC_MODEL / "model.json").read_text("utf-8"))
    best = max(selection["grid"], key=lambda r: r["macro_f1"])
    assert selection["shipped_is_best"]
    assert {k: meta["params"][k] for k in ("tf", "loss", "C")} == {k: best[k] for k in ("tf", "loss", "C")}
    assert meta["selection"]["cv_macro_f1"] == best["macro_f1"]


def test_unc_benchmark_beats_underthesea_core_by_two_points() -> None:
    bench = json.loads((ROOT / "benchmarks" / "results" / "topics_unc.json").read_text("utf-8"))
    meta = json.loads((UNC_MODEL / "model.json").read_text("utf-8"))
    ours = bench["results"]["vnpolicy TopicClassifier"]
    assert ours["macro_f1"] == pytest.approx(meta["test"]["macro_f1"], abs=1e-4)
    assert bench["params"] == meta["params"]
    assert bench["margin_macro_f1_over_peer_mean"] >= 0.02


def test_unc_model_ships_and_predicts() -> None:
    model, seconds = timed_load(UNC_MODEL)
    assert seconds < 1.0 and not model.multilabel
    assert model.predict("Đội tuyển bóng đá Việt Nam giành chiến thắng tại vòng loại World Cup")[0].label == "sport"
