"""repair(): legacy Vietnamese encodings, mojibake and Unicode damage, on real text, with offsets.

The legacy forms of the sentences below were written by GNU recode (TCVN,
VNI, VIQR), the ``viscii`` codec of PyPI's viscii-codec, Python's ``cp1258``
codec and Python's UTF-8/Windows-1252 codecs (mojibake), not by our tables.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from vnpolicy.encodings.cleanup import nfc_edits
from vnpolicy.encodings.detect import needs_repair, vietnamese_score
from vnpolicy.encodings.offsets import SegmentArrays
from vnpolicy.encodings.syllables import TONES, compose, is_syllable, place_tone, split_tone, tone_position
from vnpolicy.encodings.tables import cp1252_char, load_table, load_viqr, load_viqr_counts
from vnpolicy.errors import EncodingError, InputTypeError, VnpolicyError
from vnpolicy.repair import Repaired, repair

ROOT = Path(__file__).resolve().parent.parent

DECISION = ("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ về hỗ trợ người có công với "
            "cách mạng về nhà ở.")
HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
STATISTIC = "Năm 2019, toàn tỉnh có 41 xã đạt chuẩn nông thôn mới, chiếm 32,5% tổng số xã."
COMMITTEE = ("Ủy ban nhân dân tỉnh Quảng Trị đã ban hành Kế hoạch số 15/KH-UBND về phát triển kinh tế - xã "
             "hội.")

LEGACY_CASES: list[tuple[str, str | bytes, str, tuple[str, ...], str]] = [
    # id, legacy input, repaired text, changes, reason
    ("tcvn3-decision-bytes",
     b"Quy\xd5t \xae\xdenh s\xe8 22/2013/Q\xa7-TTg ng\xb5y 26/4/2013 c\xf1a Th\xf1 t\xad\xedng Ch\xddnh ph\xf1 v\xd2 "
     b"h\xe7 tr\xee ng\xad\xeai c\xe3 c\xabng v\xedi c\xb8ch m\xb9ng v\xd2 nh\xb5 \xeb.",
     DECISION, ("tcvn3->unicode",), "a TCVN3 file, ư as the soft-hyphen byte 0xAD"),
    ("tcvn3-heading-bytes",
     b"C\x97NG H\x92A X\x82 H\x97I CH\x9e NGH\x8fA VI\x8cT NAM\n\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c",
     HEADING, ("tcvn3->unicode",), "VN1 capitals in 0x80-0x9F read as letters inside capital words"),
    ("tcvn3-heading-cp1252-text",
     "C—NG H’A X‚ H—I CHž NGH\x8fA VI\x8cT NAM\n§éc lËp - Tù do - H¹nh phóc",
     HEADING, ("tcvn3->unicode",), "the same bytes read as Windows-1252: — ’ ‚ are capitals here"),
    ("tcvn3-committee-text",
     "\x9ey ban nh©n d©n t\xd8nh Qu¶ng TrÞ ®· ban hµnh KÕ ho¹ch sè 15/KH-UBND vÒ ph¸t triÓn kinh tÕ - x· héi.",
     COMMITTEE, ("tcvn3->unicode",), "TCVN3 read as Latin-1"),
    ("tcvn3-vnTimeH-heading", "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ("tcvn3->unicode",),
     "VN3 has no toned capitals: a .VnTimeH heading comes back in capitals"),
    ("tcvn3-quotes-stay-quotes", "Ph\xad¬ng ch©m “d©n biÕt, d©n bµn” – ®· ®­îc",
     "Phương châm “dân biết, dân bàn” – đã được", ("tcvn3->unicode",),
     "Word's quotes and dash around TCVN3 words are punctuation, not the VN1 capitals of their bytes"),
    ("vni-decision",
     "Quyeát ñònh soá 22/2013/QÑ-TTg ngaøy 26/4/2013 cuûa Thuû töôùng Chính phuû veà hoã trôï ngöôøi coù coâng vôùi "
     "caùch maïng veà nhaø ôû.",
     DECISION, ("vni->unicode",), "VNI writes a toned vowel as base letter + mark byte"),
    ("vni-heading", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc",
     HEADING, ("vni->unicode",), "VNI capitals take capital marks"),
    ("vni-committee",
     "UÛy ban nhaân daân tænh Quaûng Trò ñaõ ban haønh Keá hoaïch soá 15/KH-UBND veà phaùt trieån kinh teá - xaõ "
     "hoäi.", COMMITTEE, ("vni->unicode",), "ỉ ị are single bytes in VNI (æ ò)"),
    ("viscii-heading-bytes",
     b"C\x93NG H\xd2A X\xc3 H\x93I CH\x9c NGH\xceA VI\x8eT NAM\n\xd0\xb5c l\xa7p - T\xf1 do - H\xd5nh ph\xfac",
     HEADING, ("viscii->unicode",), "VISCII keeps its capitals in 0x80-0x9F"),
    ("viscii-statistic-bytes",
     b"N\xe5m 2019, to\xe0n t\xefnh c\xf3 41 x\xe3 \xf0\xd5t chu\xa6n n\xf4ng th\xf4n m\xbei, chi\xaam 32,5% "
     b"t\xb1ng s\xaf x\xe3.", STATISTIC, ("viscii->unicode",), "VISCII shares à ó ô ã with Latin-1"),
    ("viscii-committee-text",
     "\x9cy ban nh\xe2n d\xe2n t\xefnh Qu\xe4ng Tr\xb8 \xf0\xe3 ban h\xe0nh K\xaa ho\xd5ch s\xaf 15/KH-UBND v\xab "
     "ph\xe1t tri\xacn kinh t\xaa - x\xe3 h\xb5i.", COMMITTEE, ("viscii->unicode",), "VISCII read as Latin-1"),
    ("viqr-decision",
     "Quye^'t ddi.nh so^' 22/2013/QDD-TTg nga`y 26/4/2013 cu?a Thu? tu+o+'ng Chi'nh phu? ve^` ho^~ tro+. "
     "ngu+o+`i co' co^ng vo+'i ca'ch ma.ng ve^` nha` o+?.",
     DECISION, ("viqr->unicode",), "a final '.' after a mark is a full stop; DD in a symbol is Đ"),
    ("viqr-heading", "CO^.NG HO`A XA~ HO^.I CHU? NGHI~A VIE^.T NAM\nDDo^.c la^.p - Tu+. do - Ha.nh phu'c",
     HEADING, ("viqr->unicode",), "VIQR in capitals"),
    ("viqr-question", "Vi` sao? Ho. ddi ra. Thi. Kim",
     "Vì sao? Họ đi ra. Thị Kim", ("viqr->unicode",),
     "'sao?' cannot be 'saỏ'; 'Ho.' before a lowercase word is 'Họ'; 'ra.' at the end is a full stop"),
    ("cp1258-decision-bytes",
     b"Quy\xea\xect \xf0i\xf2nh s\xf4\xec 22/2013/Q\xd0-TTg ng\xe0y 26/4/2013 cu\xd2a Thu\xd2 t\xfd\xf5\xecng "
     b"Ch\xednh phu\xd2 v\xea\xcc h\xf4\xde tr\xf5\xf2 ng\xfd\xf5\xcci c\xf3 c\xf4ng v\xf5\xeci c\xe1ch ma\xf2ng "
     b"v\xea\xcc nh\xe0 \xf5\xd2.", DECISION, ("cp1258->unicode", "nfc"),
     "Windows-1258 writes tones as combining bytes"),
    ("cp1258-heading-text",
     "CÔòNG HOÌA XAÞ HÔòI CHUÒ NGHIÞA VIÊòT NAM\nÐôòc lâòp - Týò do - Haònh phúc",
     HEADING, ("cp1258->unicode", "nfc"), "Windows-1258 bytes read as Windows-1252 (a mislabelled page)"),
    ("mojibake-decision",
     "Quyáº¿t Ä‘á»‹nh sá»‘ 22/2013/QÄ\x90-TTg ngÃ\xa0y 26/4/2013 cá»§a Thá»§ tÆ°á»›ng ChÃ\xadnh phá»§ vá»\x81 há»— "
     "trá»£ ngÆ°á»\x9di cÃ³ cÃ´ng vá»›i cÃ¡ch máº¡ng vá»\x81 nhÃ\xa0 á»Ÿ.",
     DECISION, ("mojibake->unicode",), "UTF-8 read as Windows-1252, undefined bytes kept (ftfy)"),
    ("mojibake-latin1", "Ná»\x99i dung", "Nội dung", ("mojibake->unicode",), "UTF-8 read as Latin-1"),
    ("mojibake-twice", "NghÃ¡Â»â€¹ Ã„â€˜Ã¡Â»â€¹nh", "Nghị định", ("mojibake->unicode",),
     "mojibake of mojibake is undone in one go"),
]


@pytest.mark.parametrize(("data", "expected", "changes"), [c[1:4] for c in LEGACY_CASES],
                         ids=[c[0] for c in LEGACY_CASES])
def test_legacy_text_is_restored(data: str | bytes, expected: str, changes: tuple[str, ...]) -> None:
    result = repair(data)
    assert result.text == expected
    assert result.changes == changes


@pytest.mark.parametrize(("data", "expected"), [c[1:3] for c in LEGACY_CASES], ids=[c[0] for c in LEGACY_CASES])
def test_repair_is_idempotent_on_legacy_text(data: str | bytes, expected: str) -> None:
    assert repair(repair(data).text).text == expected
    assert repair(expected).changes == ()


UNICODE_CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    # id, input, repaired text, changes, reason
    ("clean", DECISION, DECISION, (), "clean NFC text is left as it is"),
    ("nfd", unicodedata.normalize("NFD", STATISTIC), STATISTIC, ("nfc",), "NFD composes"),
    ("old-tone", "đa dạng hoá các hình thức, thuỷ lợi, sức khoẻ, Uỷ ban, HOÀ BÌNH",
     "đa dạng hóa các hình thức, thủy lợi, sức khỏe, Ủy ban, HÒA BÌNH", ("tone-placement",),
     "old-style tones move to the hóa style, as underthesea's text_normalize writes"),
    ("qu-is-onset", "quý I, quả, hoàn thành, toán, khuya", "quý I, quả, hoàn thành, toán, khuya", (),
     "quý, quả and closed syllables are the same in both styles"),
    ("entities", "Bộ NN&amp;PTNT, &#7897;i, TN&MT", "Bộ NN&PTNT, ội, TN&MT", ("html-entities",),
     "HTML character references are decoded; a bare & is kept"),
    ("invisible", "Quyết\u200b định\u00ad số\ufeff 15", "Quyết định số 15", ("invisible",),
     "zero-width characters, soft hyphens and BOMs are dropped"),
    ("quotes", "«Đổi mới» và „tiết kiệm‟ ‚x‛", "“Đổi mới” và “tiết kiệm“ ‘x‘", ("quotes",),
     "guillemets and low/reversed quotes become the press's curly quotes"),
    ("nfd-old-tone", unicodedata.normalize("NFD", "hoà bình"), "hòa bình", ("nfc", "tone-placement"),
     "repairs compose"),
    ("spanish", "El señor Muñoz pidió más información sobre la situación.",
     "El señor Muñoz pidió más información sobre la situación.", (),
     "other languages are not read as a legacy encoding"),
    ("german", "Straße, Größe, Übung und Äpfel für die Bürger.",
     "Straße, Größe, Übung und Äpfel für die Bürger.", (), "German is not TCVN3 either"),
    ("symbols", "© 2020 Báo Nhân Dân; 25°C; 100 m²; ± 5%",
     "© 2020 Báo Nhân Dân; 25°C; 100 m²; ± 5%", (), "a stray © in Unicode text is not TCVN3 â"),
    ("english-viqr-lookalike", "It's 5 o'clock; see www.mof.gov.vn?id=3 (a) e.g.",
     "It's 5 o'clock; see www.mof.gov.vn?id=3 (a) e.g.", (), "ASCII punctuation in English is not VIQR"),
]


@pytest.mark.parametrize(("data", "expected", "changes"), [c[1:4] for c in UNICODE_CASES],
                         ids=[c[0] for c in UNICODE_CASES])
def test_unicode_repairs(data: str, expected: str, changes: tuple[str, ...]) -> None:
    result = repair(data)
    assert result.text == expected
    assert result.changes == changes


# --- offsets ---------------------------------------------------------------------------------------------------

OFFSET_CASES: list[tuple[str, str | bytes, str, str | bytes, str]] = [
    # id, input, span of the repaired text, what it maps to in the input, reason
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Việt", "Vieät", "two VNI characters become one"),
    ("tcvn3", "Bé Tµi chÝnh", "Tài chính", "Tµi chÝnh", "TCVN3 is one for one"),
    ("mojibake", "Nghá»‹ Ä‘á»‹nh sá»‘ 15", "định", "Ä‘á»‹nh", "three mojibake characters become one"),
    ("utf8-bytes", "Ngày 1/7 về hóa đơn".encode(), "hóa đơn", "hóa đơn".encode(), "byte offsets for bytes"),
    ("tcvn3-bytes", b"B\xe9 T\xb5i ch\xddnh", "Tài chính", b"T\xb5i ch\xddnh", "one byte, one character"),
    ("nfd", unicodedata.normalize("NFD", "Nghị định 116"), "định",
     unicodedata.normalize("NFD", "định"), "a composed cluster maps to its marks"),
    ("viqr", "Nghi. ddi.nh so^' 15/NDD-CP", "NĐ-CP", "NDD-CP", "DD is one letter"),
    ("entity", "TN&amp;MT 2020", "TN&MT", "TN&amp;MT", "an entity is one character"),
    ("invisible", "Quyết\u200b định", "định", "định", "a span stops before a dropped character"),
    ("utf16", "\ufeffNgày 1/7".encode("utf-16-le"), "1/7", "1/7".encode("utf-16-le"), "UTF-16 with a BOM"),
]


@pytest.mark.parametrize(("data", "span", "source"), [c[1:4] for c in OFFSET_CASES], ids=[c[0] for c in OFFSET_CASES])
def test_spans_map_back_to_the_input(data: str | bytes, span: str, source: str | bytes) -> None:
    result = repair(data)
    start = result.text.index(span)
    mapped = result.to_original(start, start + len(span))
    assert result.original[slice(*mapped)] == source
    assert result.original == data


def test_clean_text_maps_to_itself() -> None:
    result = repair(DECISION)
    assert result.is_identity
    assert result.to_original(5, 10) == (5, 10)
    assert result.text is DECISION


def test_every_span_maps_inside_the_input() -> None:
    data = "Coäng hoøa, Nghá»‹ Ä‘á»‹nh &amp; hoá\u200b" + unicodedata.normalize("NFD", " Việt")
    result = repair(data)
    previous = (0, 0)
    for start in range(len(result.text) + 1):
        mapped = result.to_original(start, len(result.text))
        assert 0 <= mapped[0] <= mapped[1] <= len(data)
        assert mapped[0] >= previous[0]
        previous = mapped


# --- forced encodings and errors -------------------------------------------------------------------------------

def test_forced_encoding_skips_detection() -> None:
    assert repair("ChÝnh phñ", encoding="tcvn3").text == "Chính phủ"
    assert repair("Vie^.t", encoding="viqr").text == "Việt"
    assert repair("Viêòt", encoding="cp1258").text == "Việt"
    assert repair(b"Vi\xea\xf2t", encoding="cp1258").text == "Việt"
    assert repair("Nghá»‹", encoding="mojibake").text == "Nghị"
    # Unicode only: a legacy-looking line is left alone, NFC still applies
    assert repair("ChÝnh " + unicodedata.normalize("NFD", "phủ"), encoding="utf-8").text == "ChÝnh phủ"


def test_cp1252_bytes_are_read_as_cp1252() -> None:
    result = repair("Café “Hà Nội”".encode("cp1252", errors="replace"))
    assert result.changes[0] == "cp1252->unicode"
    assert result.text.startswith("Café “H")


ERROR_CASES: list[tuple[str, object, str | None, type[Exception], str]] = [
    # id, data, encoding, error, words the message must hold
    ("unknown-encoding", "x", "tcvn", EncodingError, "encoding=None"),
    ("not-text", 42, None, InputTypeError, "str or bytes"),
    ("binary", b"%PDF-1.4\x00\x00\xff\xfe\x01", None, EncodingError, "extract the text first"),
    ("not-utf8", b"ch\xddnh", "utf-8", EncodingError, "encoding=None"),
    ("broken-utf16", b"\xff\xfe\x00\xd8", None, EncodingError, "decode them yourself"),
]


@pytest.mark.parametrize(("data", "encoding", "error", "hint"), [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_errors_are_typed_and_say_what_to_do(data: object, encoding: str | None, error: type[Exception],
                                             hint: str) -> None:
    with pytest.raises(error) as raised:
        repair(data, encoding=encoding)  # type: ignore[arg-type]
    assert isinstance(raised.value, VnpolicyError)
    assert hint in str(raised.value)


# --- tables: every entry -----------------------------------------------------------------------------------------

def _data(name: str) -> dict[str, object]:
    text = resources.files("vnpolicy").joinpath(f"data/encodings_{name}.json").read_text(encoding="utf-8")
    result: dict[str, object] = json.loads(text)
    return result


VN3_ROWS = {  # base letter -> bytes of its huyền, hỏi, ngã, sắc, nặng forms in TCVN 5712:1993 VN3
    "a": "B5 B6 B7 B8 B9", "ă": "BB BC BD BE C6", "â": "C7 C8 C9 CA CB", "e": "CC CE CF D0 D1",
    "ê": "D2 D3 D4 D5 D6", "i": "D7 D8 DC DD DE", "o": "DF E1 E2 E3 E4", "ô": "E5 E6 E7 E8 E9",
    "ơ": "EA EB EC ED EE", "u": "EF F1 F2 F3 F4", "ư": "F5 F6 F7 F8 F9", "y": "FA FB FC FD FE",
}


def test_tcvn3_table_follows_the_vn3_layout() -> None:
    table = _data("tcvn3")["bytes"]
    assert isinstance(table, dict)
    for base, codes in VN3_ROWS.items():
        for tone, code in enumerate(codes.split()):
            if code == "FD":
                continue  # ý is the Latin-1 ý: no entry needed
            assert table[code] == compose(base, tone), (base, tone, code)
    for offset, letter in enumerate("ĂÂÊÔƠƯĐăâêôơưđ"):
        assert table[f"{0xA1 + offset:02X}"] == letter
    capitals = {v for k, v in table.items() if v.isupper()} - set("ĂÂÊÔƠƯĐ")
    toned_capitals = {compose(b.upper(), t) for b in VN3_ROWS for t in range(5)}
    assert capitals == toned_capitals - {"Ý"} | {"Ý"} & capitals
    marks = {v for v in table.values() if unicodedata.combining(v)}
    assert marks == set(TONES)


def test_tcvn3_every_entry_converts_in_a_word() -> None:
    table = load_table("tcvn3")
    for surface, letter in [*table.mapping.items(), *table.context.items()]:
        if unicodedata.combining(letter):
            continue
        word = f"X{surface}Y" if letter.isupper() else f"x{surface}y"
        assert repair(word, encoding="tcvn3").text == f"{word[0]}{letter}{word[-1]}", (surface, letter)


VNI_MARKS = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}
VNI_QUALITY = {"â": "\u0302", "ê": "\u0306"}
VNI_QUALITY_TONE = {"à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"), "ã": ("\u0302", "\u0303"),
                    "á": ("\u0302", "\u0301"), "ä": ("\u0302", "\u0323"), "è": ("\u0306", "\u0300"),
                    "ú": ("\u0306", "\u0309"), "ü": ("\u0306", "\u0303"), "é": ("\u0306", "\u0301"),
                    "ë": ("\u0306", "\u0323")}
VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_rule(surface: str) -> str:
    """What a VNI sequence means by the VNI-Windows rule (base letter + mark byte)."""
    lower = surface.lower()
    base = VNI_SINGLE.get(lower[0], lower[0])
    marks = ""
    if len(lower) == 2:
        mark = lower[1]
        marks = "".join(VNI_QUALITY_TONE[mark]) if mark in VNI_QUALITY_TONE else VNI_MARKS.get(mark, "")
        marks = marks or VNI_QUALITY[mark]
    letter = unicodedata.normalize("NFC", base + marks)
    return letter.upper() if surface[0].isupper() else letter


def test_vni_table_follows_the_vni_rule() -> None:
    table = load_table("vni")
    assert len(table.mapping) == 130
    for surface, letter in table.mapping.items():
        assert _vni_rule(surface) == letter, surface
        assert repair(f"t{surface}", encoding="vni").text == f"t{letter}"
    vietnamese = {compose(b, t) for b in "aăâeêioôơuưy" for t in range(-1, 5)} | {"đ"}
    covered = {v.lower() for v in table.mapping.values()} | set("aeiouyìí")
    assert vietnamese <= covered


def test_viscii_table_writes_every_vietnamese_letter_once() -> None:
    table = _data("viscii")["bytes"]
    assert isinstance(table, dict)
    letters = {compose(b, t) for b in "aăâeêioôơuưy" for t in range(-1, 5)}
    letters |= {c.upper() for c in letters} | {"đ", "Đ"}
    latin1_shared = {c for c in letters if ord(c) < 0x100 and f"{ord(c):02X}" not in table}
    assert set(table.values()) | latin1_shared == letters
    assert len(set(table.values())) == len(table)
    assert {k for k in table if int(k, 16) < 0x20} == {"02", "05", "06", "14", "19", "1E"}
    for code, letter in table.items():
        surface = chr(int(code, 16))
        word = f"X{surface}Y" if letter.isupper() else f"x{surface}y"
        assert repair(word, encoding="viscii").text == f"{word[0]}{letter}{word[-1]}", code


def test_viqr_every_entry() -> None:
    viqr = load_viqr()
    for mark, tone in viqr["tones"].items():
        assert repair(f"ba{mark}n", encoding="viqr").text == unicodedata.normalize("NFC", f"ba{tone}n"), mark
    for pair, letter in viqr["qualities"].items():
        word = f"C{pair}n" if pair[0].isupper() else f"c{pair}n"
        assert repair(word, encoding="viqr").text == f"{word[0]}{letter}n", pair
    for pair, letter in viqr["letters"].items():
        assert repair(f"{pair}i", encoding="viqr").text == f"{letter}i", pair


def test_viqr_counts_are_well_formed() -> None:
    counts = load_viqr_counts()
    assert len(counts) > 500
    assert all(is_syllable(word) for word in counts)
    assert counts["thị"][0] > counts["thi"][1]  # "Thị" before a name is commoner than "thi." ending a sentence


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv is not installed")
@pytest.mark.parametrize(("name", "charmap"), [("tcvn3", "TCVN5712-1"), ("viscii", "VISCII")])
def test_tables_agree_with_glibc(name: str, charmap: str) -> None:
    table = _data(name)["bytes"]
    assert isinstance(table, dict)
    for code, letter in table.items():
        out = subprocess.run(["iconv", "-f", charmap, "-t", "UTF-8"], input=bytes([int(code, 16)]),
                             capture_output=True, check=True).stdout.decode()
        assert out == letter, code


def test_cp1252_surface_of_c1_bytes() -> None:
    assert [cp1252_char(b) for b in (0x80, 0x81, 0x93, 0x9F)] == ["€", "\x81", "“", "Ÿ"]


# --- tone placement agrees with underthesea ------------------------------------------------------------------------

def _underthesea_style_pairs() -> list[tuple[str, str]]:
    """underthesea's ``text_normalize`` entries that change the tone style: ``hoá`` -> ``hóa``.

    Its other entries fix typos (``chòang`` -> ``choàng``, ``nghành`` -> ``ngành``),
    which are not a style and which repair leaves alone.
    """
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    pairs = []
    for old, new in token_map.items():
        split, split_new = split_tone(old), split_tone(new)
        if old == new or split is None or split[1] < 0 or split_new is None:
            continue
        toneless, _, position = split
        if toneless == split_new[0] and position == tone_position(toneless, old_style=True) and \
                position != tone_position(toneless):
            pairs.append((old, new))
    return pairs


def test_tone_placement_matches_underthesea_text_normalize() -> None:
    pairs = _underthesea_style_pairs()
    assert len(pairs) > 50
    misses = [(old, new, place_tone(old)) for old, new in pairs if place_tone(old) != new]
    assert not misses, misses[:10]
    assert repair(" ".join(old for old, _ in pairs)).text == " ".join(new for _, new in pairs)


SYLLABLE_CASES = [
    # id, word, is a syllable, reason
    ("nghieng", "nghiêng", True, "longest onset"), ("quy", "quý", True, "qu is an onset"),
    ("gi", "giữa", True, "gi is an onset"), ("gin", "gìn", True, "g + in"),
    ("stop-tone", "tèt", False, "a stop-final syllable takes only sắc or nặng"),
    ("tcvn3-garbage", "hßa", False, "ß is no Vietnamese letter"), ("english", "cat", False, "toneless stop"),
    ("two-tones", "hóà", False, "one tone a syllable"), ("loanword", "xoong", False, "loanwords are left out"),
]


@pytest.mark.parametrize(("word", "expected"), [c[1:3] for c in SYLLABLE_CASES], ids=[c[0] for c in SYLLABLE_CASES])
def test_syllables(word: str, expected: bool) -> None:
    assert is_syllable(word) is expected


# --- the cheap gate ---------------------------------------------------------------------------------------------

def _gold_texts() -> list[str]:
    path = ROOT / "corpora" / "gold" / "dev.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_repaired_gold_texts_are_clean_and_fixed_points() -> None:
    for text in _gold_texts():
        repaired = repair(text)
        assert set(repaired.changes) <= {"tone-placement"}, repaired.changes
        assert not needs_repair(repaired.text)
        assert repair(repaired.text).text is repaired.text


def test_score_prefers_the_right_reading() -> None:
    assert vietnamese_score("Báo cáo tài chính") == 4
    assert vietnamese_score("B¸o c¸o tµi chÝnh") == -4


def test_repaired_is_frozen() -> None:
    result = repair("hoá")
    assert isinstance(result, Repaired)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


# --- offset maps of long texts, many spans at once -------------------------------------------------------------

messy_text = st.lists(st.sampled_from([
    "Nghị định", "hoá", "Coäng", "Nghá»‹ Ä‘á»‹nh", "B¸o c¸o", "Vie^.t", "&amp;", "\u200b", "\u00a0", " ", "\n", "15",
    "\u0301", "\u0323", "a\u0302\u0301", "«", "»", "ngày 1/7",
]), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(messy_text)
def test_segment_arrays_map_every_span_as_the_span_map_does(data: str) -> None:
    for span_map in repair(data).maps:
        arrays = SegmentArrays(span_map.seg_out, span_map.seg_src, span_map.out_len, span_map.src_len)
        spans = [(s, e) for s in range(span_map.out_len + 1) for e in range(s, span_map.out_len + 1)]
        starts, ends = arrays.to_source(np.array([s for s, _ in spans]), np.array([e for _, e in spans]))
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [span_map.to_source(s, e) for s, e in spans]


def _nfc_one_cluster_at_a_time(text: str) -> list[tuple[int, int, str]]:
    """What nfc_edits returns, written the plain way: every base with its marks, composed."""
    edits = []
    for match in regex.finditer(r"\P{M}?\p{M}+", text):
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            edits.append((match.start(), match.end(), composed))
    return edits


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeoyuAĐ x\u212b\u1100\u1161\u0300\u0301\u0302\u0303\u0306\u0309"
                                             "\u031b\u0323")), max_size=40))
def test_nfc_edits_compose_each_cluster(text: str) -> None:
    if unicodedata.is_normalized("NFC", text):
        assert nfc_edits(text) == []
        return
    expected = _nfc_one_cluster_at_a_time(text) or [(0, len(text), unicodedata.normalize("NFC", text))]
    assert nfc_edits(text) == expected


def test_a_long_mojibake_line_maps_back_character_by_character() -> None:
    line = "Nghá»‹ Ä‘á»‹nh sá»‘ 15 " * 2000  # longer than the sample detection reads
    result = repair(line)
    assert result.text == "Nghị định số 15 " * 2000
    start = result.text.index("định", 30_000)
    assert result.original[slice(*result.to_original(start, start + 4))] == "Ä‘á»‹nh"
