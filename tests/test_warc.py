"""WARC files written with warcio: pages through the HTML path, other records skipped, ids by URI."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnpolicy.io.documents import Document, ReadError
from vnpolicy.io.readers import read_documents

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample" / "unc-news-sample.jsonl"
ARTICLES = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:3]]


def article_page(article: dict[str, str]) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n")[1:] if p.strip())
    return (f"<html><head><title>{html.escape(article['title'])}</title>"
            f"<meta property='article:published_time' content='{article['published']}'></head>"
            f"<body><nav><a href='/'>Trang chủ</a></nav><article><h1>{html.escape(article['title'])}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def write_record(writer: WARCWriter, uri: str, record_type: str, payload: bytes,
                 headers: list[tuple[str, str]] | None, status: str = "200 OK") -> None:
    http = None if headers is None else StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, record_type, payload=io.BytesIO(payload), length=len(payload),
                                                  http_headers=http))


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_pages_of_a_crawl(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    html_type = [("Content-Type", "text/html; charset=utf-8")]
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=compress)
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        for i, article in enumerate(ARTICLES):
            write_record(writer, f"https://dantri.com.vn/{article['id']}.htm", "request",
                         b"GET / HTTP/1.1\r\n\r\n", None)
            write_record(writer, f"https://dantri.com.vn/{article['id']}.htm", "response",
                         article_page(article), html_type)
            if i == 0:
                write_record(writer, "https://dantri.com.vn/logo.png", "response", b"\x89PNG\r\n\x1a\n\x00",
                             [("Content-Type", "image/png")])
                write_record(writer, "https://dantri.com.vn/old.htm", "response", b"",
                             [("Location", "/new.htm")], status="301 Moved Permanently")
        # the same page captured again keeps a distinct id
        write_record(writer, f"https://dantri.com.vn/{ARTICLES[0]['id']}.htm", "response",
                     article_page(ARTICLES[0]), html_type)
        write_record(writer, "https://dantri.com.vn/robots.txt", "response", "Năm 2019".encode(),
                     [("Content-Type", "text/plain")])
    out = list(read_documents([path]))
    first = f"https://dantri.com.vn/{ARTICLES[0]['id']}.htm"
    assert [x.id for x in out] == [f"https://dantri.com.vn/{a['id']}.htm" for a in ARTICLES] + \
        [first + "#2", "https://dantri.com.vn/robots.txt"]
    docs = [x for x in out if isinstance(x, Document)]
    assert len(docs) == len(out)
    assert [d.title for d in docs[:3]] == [a["title"] for a in ARTICLES]
    assert [d.published for d in docs[:3]] == [a["published"] for a in ARTICLES]
    assert docs[-1].text == "Năm 2019"


def test_damaged_warc_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for article in ARTICLES:
            write_record(writer, f"https://dantri.com.vn/{article['id']}.htm", "response", article_page(article),
                         [("Content-Type", "text/html")])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    out = list(read_documents([path]))
    assert [x.id for x in out] == [f"https://dantri.com.vn/{a['id']}.htm" for a in ARTICLES]
    assert [type(x).__name__ for x in out] == ["Document", "Document", "ReadError"]
    assert isinstance(out[-1], ReadError) and out[-1].error == "CorruptArchiveError"


def test_garbage_instead_of_a_warc_is_one_error_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08garbage" * 5)
    (error,) = read_documents([path])
    assert isinstance(error, ReadError) and error.id == str(path) and error.error == "CorruptArchiveError"
