"""Web pages: trafilatura finds the main text, title and date of real articles in realistic pages."""

from __future__ import annotations

import html
import json
import unicodedata
from pathlib import Path

import pytest

from vnpolicy.errors import MissingTextError
from vnpolicy.io.documents import Document, ReadError
from vnpolicy.io.html import html_to_document
from vnpolicy.io.readers import read_documents

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:4]]
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def page(article: dict[str, str], *, charset: str = "utf-8") -> str:
    """A news page as sites serve it: menus, the article, related links, a footer."""
    title = html.escape(article["title"])
    paragraphs = article["text"].split("\n")[1:]  # the first line of the sample text is the title
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>{title} | Báo Dân trí</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{article['published']}T08:30:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/xa-hoi.htm">Xã hội</a></li>
<li><a href="/kinh-doanh.htm">Kinh doanh</a></li><li><a href="/giao-duc.htm">Giáo dục</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
<div class="author">Dân trí</div>
<div class="content">{body}</div></article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a.htm">Thời tiết hôm nay</a></li>
<li><a href="/b.htm">Giá vàng tăng</a></li></ul></aside></main>
<footer><p>© Báo Dân trí. Giấy phép số 298/GP-BTTTT. Liên hệ quảng cáo.</p></footer>
</body></html>"""


def to_cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_main_text_title_and_date_of_real_articles(article: dict[str, str]) -> None:
    doc = html_to_document(page(article).encode("utf-8"), doc_id=article["id"], source="pages")
    assert doc.title == article["title"]
    assert doc.published == article["published"]
    assert doc.text.startswith(article["title"])
    paragraphs = [p for p in article["text"].split("\n")[1:] if p.strip()]
    assert paragraphs[0] in doc.text and paragraphs[-1] in doc.text
    for boilerplate in ("Trang chủ", "Tin liên quan", "Liên hệ quảng cáo"):
        assert boilerplate not in doc.text


def test_legacy_page_decoded_from_its_declared_charset() -> None:
    article = ARTICLES[0]
    data = to_cp1258(page(article, charset="windows-1258"))
    doc = html_to_document(data, doc_id="p", source="pages")
    assert doc.title == article["title"]
    assert article["text"].split("\n")[1] in doc.text


def test_page_without_main_text_is_an_error() -> None:
    with pytest.raises(MissingTextError):
        html_to_document(b"<html><head><title></title></head><body><img src='a.png'></body></html>",
                         doc_id="p", source="pages")


def test_html_files_in_a_folder(tmp_path: Path) -> None:
    for article in ARTICLES[:2]:
        (tmp_path / f"{article['id']}.html").write_text(page(article), encoding="utf-8")
    (tmp_path / "index.htm").write_text("<html><body><script>var a = 1;</script></body></html>",
                                        encoding="utf-8")
    out = list(read_documents([tmp_path]))
    assert [(type(x).__name__, x.id) for x in out] == [
        ("ReadError", "index.htm"), ("Document", f"{ARTICLES[0]['id']}.html"),
        ("Document", f"{ARTICLES[1]['id']}.html")]
    assert isinstance(out[1], Document) and out[1].published == ARTICLES[0]["published"]
    assert isinstance(out[0], ReadError) and out[0].error == "MissingTextError"
