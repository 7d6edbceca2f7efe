"""The spaCy adapter: a ``vnpolicy`` pipeline component that writes a record into a ``Doc``.

spaCy is an optional extra (``pip install "vnpolicy[spacy]"``) and is imported
only here. The component is registered through the ``spacy_factories`` entry
point, so once vnpolicy is installed any pipeline can add it by name, without
importing vnpolicy first::

    nlp = spacy.blank("vi")          # pyvi word segmentation (spaCy's default for Vietnamese)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})  # or split on spaces
    nlp.add_pipe("vnpolicy")
    doc = nlp("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")

It sets, from :func:`vnpolicy.extract` on ``doc.text``:

* ``doc.spans["vnpolicy"]``: every mention (indicators too), its label the
  kind (``legal_refs``, ``dates``, ...; the keys of the JSON output), its
  ``id_`` ``"kind/index"``;
* ``span._.vnpolicy``: the mention's fields, as in the JSON output;
* ``doc.ents``: the mentions that overlap no other (the longest wins) and no
  entity set before;
* ``doc._.topics``: ``{label: score}`` of the predicted policy topics;
* ``doc._.vnpolicy``: the whole record as JSON (without the text, which is
  ``doc.text``); :func:`doc_record` gives it back as a :class:`~vnpolicy.Record`.

Mentions are JSON dicts rather than objects so that a ``Doc`` still
serialises (``DocBin``, ``nlp.pipe(n_process=2)``). Token boundaries need not
match mention edges: an offset inside a token takes the whole token
(``doc.char_span(..., alignment_mode="expand")``), so no mention is dropped;
``span._.vnpolicy["start"]`` keeps the exact offset. ``displacy.render(doc,
style="span", options=displacy_options())`` draws the spans in the colours of
the HTML view of :mod:`vnpolicy.display`.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    >>> _ = nlp.add_pipe("vnpolicy")
    >>> doc = nlp("Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 của Thủ tướng Chính phủ")
    >>> [(s.text, s.label_) for s in doc.spans["vnpolicy"]]
    [('Quyết định số 22/2013/QĐ-TTg', 'legal_refs'), ('ngày 26/4/2013', 'dates')]
    >>> doc.spans["vnpolicy"][0]._.vnpolicy["issuer"]
    'Thủ tướng Chính phủ'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .display import KIND_COLOURS
from .errors import InputValueError, MissingDependencyError
from .pipeline import extract
from .records import JsonDict, JsonValue, Record
from .repair import DEFAULT_REPAIR

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans
except ImportError as e:  # pragma: no cover - the spacy extra is installed in CI
    raise MissingDependencyError('the vnpolicy spaCy component needs spaCy: pip install "vnpolicy[spacy]"') from e

FACTORY = "vnpolicy"
"""The name of the component factory: ``nlp.add_pipe("vnpolicy")``."""
SPANS_KEY = "vnpolicy"
"""The default key of the span group: ``doc.spans["vnpolicy"]``."""
SET_ENTS = True
"""Whether the component sets ``doc.ents`` by default."""
EXTENSION = "vnpolicy"
"""The name of the ``Doc`` and ``Span`` extensions that hold the record and each mention."""
SPAN_KINDS = tuple(k for k in Record.KINDS if k != "topics")
"""The kinds that become spans, in the order of the JSON output (topics have no span)."""
ENT_KINDS = SPAN_KINDS[:-1]
"""The kinds that may become entities: an indicator's span is its number's, already an entity."""


def _mention_of(span: Span) -> JsonDict | None:
    data = span.doc._.get(EXTENSION)
    kind, _, index = span.id_.partition("/")
    if not isinstance(data, dict) or kind not in SPAN_KINDS or not index.isdigit():
        return None
    items = data.get(kind)
    # a DocBin gives lists back as tuples
    if not isinstance(items, list | tuple) or int(index) >= len(items):
        return None
    item = items[int(index)]
    return item if isinstance(item, dict) else None


def _topics_of(doc: Doc) -> dict[str, float] | None:
    data = doc._.get(EXTENSION)
    if not isinstance(data, dict):
        return None
    topics = data.get("topics")
    out: dict[str, float] = {}
    for t in topics if isinstance(topics, list | tuple) else ():
        if isinstance(t, dict) and isinstance(t.get("label"), str) and isinstance(t.get("score"), int | float):
            out[str(t["label"])] = float(t["score"])
    return out


def register_extensions() -> None:
    """Register ``Doc._.vnpolicy``, ``Doc._.topics`` and ``Span._.vnpolicy`` (done when the component is made).

    An extension that another package registered first under the same name is left alone.
    """
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)
    if not Doc.has_extension("topics"):
        Doc.set_extension("topics", getter=_topics_of)
    if not Span.has_extension(EXTENSION):
        Span.set_extension(EXTENSION, getter=_mention_of)


@dataclass(frozen=True, slots=True)
class Annotated:
    """What :func:`set_annotations` did with a record's mentions."""

    spans: tuple[Span, ...]
    """One span per mention that became one (every mention whose offsets are inside the text)."""
    dropped: tuple[JsonDict, ...]
    """The mentions that could not become a span (empty, or outside the text), as JSON."""
    expanded: int
    """How many spans took whole tokens beyond the mention's own characters."""


def make_spans(doc: Doc, record: Record) -> Annotated:
    """A span for each mention of ``record`` (extracted from ``doc.text``), label the kind, id ``kind/index``.

    An edge inside a token takes the whole token
    (``doc.char_span(..., alignment_mode="expand")``).

    Raises:
        InputValueError: the record was not extracted from ``doc.text``.

    Example:
        >>> import spacy, vnpolicy
        >>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        >>> doc = nlp.make_doc("Toàn tỉnh có 196/204 xã, đạt 96%.")
        >>> made = make_spans(doc, vnpolicy.extract(doc.text))
        >>> [(s.text, s.label_, s.id_) for s in made.spans if s.label_ != "indicators"]
        [('196/204', 'fractions', 'fractions/0'), ('96%.', 'percents', 'percents/0')]
        >>> made.dropped, made.expanded  # "96%" (the percent and its indicator) took the token "96%." whole
        ((), 2)
    """
    if record.text != doc.text:
        raise InputValueError("make_spans() needs the record of doc.text; extract with vnpolicy.extract(doc.text)")
    spans: list[Span] = []
    dropped: list[JsonDict] = []
    expanded = 0
    for kind in SPAN_KINDS:
        for index, mention in enumerate(getattr(record, kind)):
            data = mention.to_dict()
            start, end = (data["value_start"], data["value_end"]) if kind == "indicators" else (
                data["start"], data["end"])
            assert isinstance(start, int) and isinstance(end, int)
            span = doc.char_span(start, end, label=kind, alignment_mode="expand", span_id=f"{kind}/{index}") \
                if 0 <= start < end <= len(doc.text) else None
            if span is None or len(span) == 0:
                dropped.append(data)
                continue
            expanded += (span.start_char, span.end_char) != (start, end)
            spans.append(span)
    spans.sort(key=lambda s: (s.start, -s.end))
    return Annotated(tuple(spans), tuple(dropped), expanded)


def set_annotations(doc: Doc, record: Record, *, spans_key: str = SPANS_KEY, set_ents: bool = SET_ENTS) -> Annotated:
    """Write ``record`` (extracted from ``doc.text``) into ``doc``: spans, entities, extensions.

    Use it to annotate a doc with a record you extracted yourself (with
    ``published=``, or read back from an output file).

    Raises:
        InputValueError: the record was not extracted from ``doc.text``.
    """
    register_extensions()
    made = make_spans(doc, record)
    doc._.set(EXTENSION, record.to_dict(include_text=False))
    doc.spans[spans_key] = list(made.spans)
    if set_ents:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        free = [s for s in made.spans if s.label_ in ENT_KINDS and not taken.intersection(range(s.start, s.end))]
        doc.set_ents(filter_spans(free), default="unmodified")
    return made


def doc_record(doc: Doc) -> Record | None:
    """The record the component wrote into ``doc``, as a :class:`~vnpolicy.Record` (``None`` if it has not run)."""
    data = doc._.get(EXTENSION) if Doc.has_extension(EXTENSION) else None
    if not isinstance(data, dict):
        return None
    return Record.from_dict({**_lists(data), "text": doc.text})


def _lists(data: JsonDict) -> JsonDict:
    # a DocBin gives lists back as tuples; Record.from_dict reads JSON, where they are lists
    def fix(value: object) -> JsonValue:
        if isinstance(value, list | tuple):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {str(k): fix(v) for k, v in value.items()}
        return value  # type: ignore[return-value]

    return {key: fix(value) for key, value in data.items()}


def displacy_options(spans_key: str = SPANS_KEY, kinds: Sequence[str] = ENT_KINDS) -> dict[str, object]:
    """Options for ``displacy.render(doc, style="span", options=...)``: the span group and the kinds' colours."""
    return {"spans_key": spans_key, "colors": {k: KIND_COLOURS[k] for k in kinds}}


class VnpolicyComponent:
    """The pipeline component: :func:`vnpolicy.extract` on ``doc.text``, then :func:`set_annotations`."""

    def __init__(self, name: str = FACTORY, *, spans_key: str = SPANS_KEY, set_ents: bool = SET_ENTS,
                 repair: bool = DEFAULT_REPAIR) -> None:
        self.name = name
        self.spans_key = spans_key
        self.set_ents = set_ents
        self.repair = repair
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one doc."""
        set_annotations(doc, extract(doc.text, repair=self.repair), spans_key=self.spans_key, set_ents=self.set_ents)
        return doc


def make_component(nlp: Language, name: str, spans_key: str = SPANS_KEY, set_ents: bool = SET_ENTS,
                   repair: bool = DEFAULT_REPAIR) -> VnpolicyComponent:
    """The ``vnpolicy`` factory (what ``nlp.add_pipe("vnpolicy", config={...})`` calls).

    Args:
        nlp: the pipeline (unused: the component needs no vocabulary or model).
        name: the component's name in the pipeline.
        spans_key: the key of the span group to write.
        set_ents: also set ``doc.ents`` from the mentions that overlap nothing.
        repair: undo legacy encodings first, as :func:`vnpolicy.extract` does.
    """
    return VnpolicyComponent(name, spans_key=spans_key, set_ents=set_ents, repair=repair)


# one set of defaults, read by both the factory's config and make_component's signature
Language.factory(
    FACTORY,
    default_config={"spans_key": SPANS_KEY, "set_ents": SET_ENTS, "repair": DEFAULT_REPAIR},
    assigns=["doc.spans", "doc.ents", f"doc._.{EXTENSION}", "doc._.topics", f"span._.{EXTENSION}"],
    func=make_component,
)
