"""The spaCy component with the real spaCy: entry point, spans, entities, extensions, displaCy, the dev gold."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import vnpolicy
from vnpolicy.records import Record

spacy = pytest.importorskip("spacy")
from spacy import displacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from vnpolicy.spacy_component import (  # noqa: E402
    SPAN_KINDS,
    displacy_options,
    doc_record,
    make_spans,
    set_annotations,
)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
GOLD_PASSAGES = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
HAS_PYVI = importlib.util.find_spec("pyvi") is not None
# spaCy's Vietnamese tokenizer: pyvi word segmentation (spaCy's default), or a split on whitespace
TOKENIZERS = [pytest.param(False, id="whitespace"),
              pytest.param(True, id="pyvi", marks=pytest.mark.skipif(not HAS_PYVI, reason="pyvi is not installed"))]


def blank(use_pyvi: bool) -> Language:
    nlp: Language = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": use_pyvi}}})
    return nlp


@pytest.fixture(scope="module", params=TOKENIZERS)
def nlp(request: pytest.FixtureRequest) -> Language:
    pipeline = blank(request.param)
    pipeline.add_pipe("vnpolicy")
    return pipeline


def test_the_entry_point_registers_the_factory_without_importing_vnpolicy() -> None:
    (entry,) = [e for e in importlib.metadata.entry_points(group="spacy_factories") if e.name == "vnpolicy"]
    assert entry.value == "vnpolicy.spacy_component:make_component"
    # a fresh interpreter that never imports vnpolicy itself: spaCy finds the factory through the entry point
    script = (
        "import sys, spacy\n"
        "nlp = spacy.blank('vi', config={'nlp': {'tokenizer': {'use_pyvi': False}}})\n"
        "assert 'vnpolicy.spacy_component' in sys.modules  # loaded by spaCy, not by us\n"
        "nlp.add_pipe('vnpolicy')\n"
        "doc = nlp('Ngày 26/4/2013, toàn tỉnh có 196/204 xã')\n"
        "print([(s.text, s.label_) for s in doc.spans['vnpolicy']][:2])\n"
    )
    out = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "[('Ngày 26/4/2013,', 'dates'), ('196/204', 'fractions')]"


@pytest.mark.skipif(not HAS_PYVI, reason="pyvi is not installed")
def test_spacy_blank_vi_with_its_default_pyvi_tokenizer() -> None:
    nlp = spacy.blank("vi")
    assert nlp.config["nlp"]["tokenizer"]["use_pyvi"] is True
    nlp.add_pipe("vnpolicy")
    doc = nlp("Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")
    assert [(s.text, s.label_) for s in doc.spans["vnpolicy"]] == [
        ("Quyết định số 22/2013/QĐ-TTg", "legal_refs"), ("ngày 26/4/2013", "dates")]
    assert doc.spans["vnpolicy"][0]._.vnpolicy["issued"] == "2013-04-26"


# id, sentence, (span text with whitespace tokens, span text with pyvi tokens, label), reason
SENTENCES = [
    ("legal-ref-and-date", "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ, đã hỗ trợ "
     "cho 11.562/11.615 trường hợp, đạt 99,54%.",
     [("Quyết định số 22/2013/QĐ-TTg", "Quyết định số 22/2013/QĐ-TTg", "legal_refs"),
      ("ngày 26/4/2013", "ngày 26/4/2013", "dates"),
      ("11.562/11.615", "11.562/11.615", "fractions"), ("11.562/11.615", "11.562/11.615", "indicators"),
      ("99,54%.", "99,54%", "percents"), ("99,54%.", "99,54%", "indicators")],
     "a whitespace token takes the full stop after 99,54%; pyvi splits it off"),
    ("period-and-amounts", "Giai đoạn 2018-2020, toàn tỉnh có 586 HTX, 2.511 doanh nghiệp với tổng vốn đăng ký "
     "32.489 tỷ đồng.",
     [("Giai đoạn 2018-2020,", "Giai đoạn 2018-2020", "periods"), ("586 HTX,", "586 HTX", "quantities"),
      ("586 HTX,", "586 HTX", "indicators"), ("2.511 doanh nghiệp", "2.511 doanh nghiệp", "quantities"),
      ("2.511 doanh nghiệp", "2.511 doanh nghiệp", "indicators"),
      ("32.489 tỷ đồng.", "32.489 tỷ đồng", "quantities"), ("32.489 tỷ đồng.", "32.489 tỷ đồng", "indicators")],
     "every figure is a statistic: its indicator is a span over the same tokens"),
    ("quoted-slogan", "Thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân giám sát, dân kiểm tra”.",
     [("“dân biết, dân bàn, dân làm, dân giám sát, dân kiểm tra”.",
       "dân biết, dân bàn, dân làm, dân giám sát, dân kiểm tra", "slogans")],
     "the quotes are outside the slogan: whitespace tokens take them, pyvi splits them off"),
]


@pytest.mark.parametrize(("sentence", "expected"), [row[1:3] for row in SENTENCES], ids=[row[0] for row in SENTENCES])
def test_spans_of_real_sentences(nlp: Language, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    doc = nlp(sentence)
    pyvi = nlp.tokenizer.use_pyvi  # type: ignore[attr-defined]
    assert [(s.text, s.label_) for s in doc.spans["vnpolicy"]] == [(p if pyvi else w, k) for w, p, k in expected]
    for span in doc.spans["vnpolicy"]:
        mention = span._.vnpolicy
        start, end = (mention["value_start"], mention["value_end"]) if span.label_ == "indicators" else (
            mention["start"], mention["end"])
        assert span.start_char <= start < end <= span.end_char
    # entities: every kind but indicators, which share their number's tokens
    assert [e.label_ for e in doc.ents] == [k for _, _, k in expected if k != "indicators"]


def test_doc_extensions_hold_the_record_and_its_topics(nlp: Language) -> None:
    text = GOLD_PASSAGES[0]["text"]
    doc = nlp(text)
    record = vnpolicy.extract(text)
    assert doc_record(doc) == record
    assert doc._.topics == {t.label: t.score for t in record.topics}
    assert len(doc.spans["vnpolicy"]) == sum(len(getattr(record, k)) for k in SPAN_KINDS)
    legal = [s for s in doc.spans["vnpolicy"] if s.label_ == "legal_refs"]
    assert legal[0]._.vnpolicy["canonical"] == "22/2013/QĐ-TTg"
    assert legal[0]._.vnpolicy["issuer"] == "Thủ tướng Chính phủ"


def test_displacy_draws_the_span_group(nlp: Language) -> None:
    doc = nlp(GOLD_PASSAGES[0]["text"])
    html = displacy.render(doc, style="span", options=displacy_options())
    assert isinstance(html, str)
    assert html.count("legal_refs") >= 1 and "#ffc078" in html  # the HTML view's colour of legal references
    plain = displacy.render(doc, style="span", options={"spans_key": "vnpolicy"})
    assert "quantities" in plain
    ents = displacy.render(doc, style="ent")
    assert "dates" in ents


def test_a_doc_with_its_annotations_survives_docbin(nlp: Language) -> None:
    doc = nlp(GOLD_PASSAGES[0]["text"])
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (again,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert [(s.text, s.label_, s._.vnpolicy["text" if s.label_ != "indicators" else "value_text"])
            for s in again.spans["vnpolicy"]] == [
        (s.text, s.label_, s._.vnpolicy["text" if s.label_ != "indicators" else "value_text"])
        for s in doc.spans["vnpolicy"]]
    assert again._.topics == doc._.topics
    assert doc_record(again) == doc_record(doc)


def test_entities_set_before_are_kept() -> None:
    nlp = blank(False)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Sơn La"}])  # type: ignore[attr-defined]
    nlp.add_pipe("vnpolicy")
    doc = nlp("Năm 2019, tỉnh Sơn La có 41 xã đạt chuẩn nông thôn mới.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Năm 2019,", "dates"), ("Sơn La", "GPE"), ("41 xã", "quantities")]


def test_config_changes_the_key_and_leaves_ents_alone() -> None:
    nlp = blank(False)
    nlp.add_pipe("vnpolicy", config={"spans_key": "vp", "set_ents": False})
    doc = nlp("Ngày 26/4/2013, toàn tỉnh có 196/204 xã")
    assert "vnpolicy" not in doc.spans
    assert [s.label_ for s in doc.spans["vp"]] == ["dates", "fractions", "indicators"]
    assert doc.ents == ()
    assert nlp.get_pipe_config("vnpolicy") == {"factory": "vnpolicy", "spans_key": "vp", "set_ents": False,
                                               "repair": True}


def test_a_record_of_another_text_is_refused() -> None:
    doc = blank(False).make_doc("Năm 2019")
    with pytest.raises(vnpolicy.InputValueError, match=r"extract with vnpolicy\.extract"):
        set_annotations(doc, vnpolicy.extract("Năm 2020"))


def test_a_record_extracted_with_its_publication_date(nlp: Language) -> None:
    doc = nlp.make_doc("Ngày 1/7, toàn tỉnh có 41 xã đạt chuẩn nông thôn mới.")
    set_annotations(doc, vnpolicy.extract(doc.text, published="2017-03-05"))
    assert doc.spans["vnpolicy"][0]._.vnpolicy["resolved"] == "2017-07-01"


@pytest.mark.parametrize("use_pyvi", TOKENIZERS)
def test_every_dev_gold_mention_becomes_a_span(use_pyvi: bool) -> None:
    """Every mention of the 76 dev passages, put through make_spans, is a span over its characters: none dropped."""
    nlp = blank(use_pyvi)
    mentions = dropped = expanded = 0
    for passage in GOLD_PASSAGES:
        record = Record.from_dict(passage)
        doc: Doc = nlp.make_doc(passage["text"])
        made = make_spans(doc, record)
        dropped += len(made.dropped)
        expanded += made.expanded
        by_key = {(s.label_, s.id_): s for s in made.spans}
        for kind in SPAN_KINDS:
            for index, gold in enumerate(passage.get(kind, [])):
                mentions += 1
                span = by_key[(kind, f"{kind}/{index}")]
                start, end = (gold["value_start"], gold["value_end"]) if kind == "indicators" else (
                    gold["start"], gold["end"])
                assert span.start_char <= start < end <= span.end_char, (passage["id"], kind, gold)
                assert doc.text[start:end] in span.text
    assert mentions == 1219
    assert dropped == 0
    print(f"dev gold, {'pyvi' if use_pyvi else 'whitespace'} tokens: {mentions} mentions, {dropped} dropped, "
          f"{expanded} spans widened to whole tokens")
