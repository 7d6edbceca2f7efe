"""A trained linear topic model: prediction with numpy only, stored without pickle.

A model is a folder of three files:

``model.json``
    labels, whether they are exclusive, featurizer settings, provenance and
    metrics, and the sha256 of the two other files;
``weights.npz``
    the arrays: ``coef`` (features x labels), ``intercept``, the Platt
    calibration ``calib_a``/``calib_b``, the decision ``thresholds``, the
    ``idf`` and the ``bigrams`` table;
``vocab.json``
    the syllable vocabulary.

Loading checks each sha256 before reading a byte of the arrays, and
``numpy.load`` runs with ``allow_pickle=False``: a model folder is data, never
code.

Example:
    >>> m = LinearTopicModel.toy()
    >>> [(s.label, round(s.score, 2)) for s in m.classify("Bệnh viện khám chữa bệnh cho bệnh nhân")]
    [('y_te', 0.86), ('giao_duc', 0.1)]
    >>> [s.label for s in m.predict("Bệnh viện khám chữa bệnh cho bệnh nhân")]
    ['y_te']
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import InputTypeError, ModelError, ModelIntegrityError
from ..records import JsonDict, JsonValue, TopicScore
from .features import MAX_CHARS, SyllableFeaturizer, TfWeighting

FORMAT = "vnpolicy-linear-topic-model"
FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.npz"
VOCAB_FILE = "vocab.json"
META_FILE = "model.json"

FloatMatrix = npt.NDArray[np.float32]


@dataclass(eq=False)
class LinearTopicModel:
    """Calibrated one-vs-rest linear scores over syllable n-grams.

    ``score(label) = sigmoid(calib_a * (x . coef[:, label] + intercept) + calib_b)``.
    A multi-label model predicts every label whose score reaches its threshold;
    a single-label model predicts the best one (scores are then normalised to
    sum to one).

    Attributes:
        labels: the label names, in column order.
        featurizer: maps a text to its sparse feature row.
        coef: ``(n_features, n_labels)`` weights.
        intercept: one bias per label.
        calib_a: Platt slope per label.
        calib_b: Platt offset per label.
        thresholds: minimum calibrated score to predict each label.
        multilabel: whether a text may get several labels (or none).
        meta: provenance, training settings and metrics, kept in ``model.json``.
    """

    labels: tuple[str, ...]
    featurizer: SyllableFeaturizer
    coef: FloatMatrix
    intercept: FloatMatrix
    calib_a: FloatMatrix
    calib_b: FloatMatrix
    thresholds: FloatMatrix
    multilabel: bool = True
    meta: dict[str, JsonValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n_labels = len(self.labels)
        if len(set(self.labels)) != n_labels or n_labels == 0:
            raise ModelError(f"labels must be distinct and non-empty, got {list(self.labels)}")
        if self.coef.shape != (self.featurizer.n_features, n_labels):
            raise ModelError(
                f"coef has shape {self.coef.shape}, expected ({self.featurizer.n_features}, {n_labels})"
            )
        for name in ("intercept", "calib_a", "calib_b", "thresholds"):
            if getattr(self, name).shape != (n_labels,):
                raise ModelError(f"{name} must have one value per label ({n_labels})")

    # -- prediction -------------------------------------------------------

    def decision_scores(self, text: str) -> FloatMatrix:
        """Raw linear scores of ``text``, one per label."""
        if not isinstance(text, str):
            raise InputTypeError(f"a topic model classifies str, got {type(text).__name__}")
        cols, vals = self.featurizer.transform_one(text)
        out: FloatMatrix = vals @ self.coef[cols] + self.intercept
        return out

    def probabilities(self, text: str) -> FloatMatrix:
        """Calibrated scores of ``text``, one per label (summing to one if single-label)."""
        z = self.calib_a * self.decision_scores(text) + self.calib_b
        p: FloatMatrix = (1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))).astype(np.float32)
        if not self.multilabel:
            total = float(p.sum())
            if total > 0.0:
                p = p / total
        return p

    def classify(self, text: str) -> list[TopicScore]:
        """Every label with its calibrated score, best first.

        Example:
            >>> m = LinearTopicModel.toy()
            >>> [(s.label, s.score) for s in m.classify("")]
            [('y_te', 0.2689), ('giao_duc', 0.2689)]
        """
        p = self.probabilities(text)
        order = np.argsort(-p, kind="stable")
        return [TopicScore(label=self.labels[i], score=round(float(p[i]), 4)) for i in order]

    def predict(self, text: str) -> list[TopicScore]:
        """The labels predicted for ``text``: those at or above their threshold (best first).

        A single-label model always returns its best label.
        """
        p = self.probabilities(text)
        order = np.argsort(-p, kind="stable")
        if not self.multilabel:
            best = int(order[0])
            return [TopicScore(label=self.labels[best], score=round(float(p[best]), 4))]
        return [
            TopicScore(label=self.labels[i], score=round(float(p[i]), 4))
            for i in order
            if p[i] >= self.thresholds[i]
        ]

    # -- storage ----------------------------------------------------------

    def save(self, folder: str | Path) -> Path:
        """Write the model to ``folder`` (created if needed); returns the folder.

        The weights are stored as float16: the scores they give differ from the
        float32 ones by far less than the calibration's own error.
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            out / WEIGHTS_FILE,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            calib_a=self.calib_a.astype(np.float32),
            calib_b=self.calib_b.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            idf=self.featurizer.idf.astype(np.float32),
            bigrams=self.featurizer.bigrams.astype(np.int32),
        )
        (out / VOCAB_FILE).write_text(
            json.dumps(self.featurizer.unigrams, ensure_ascii=False), encoding="utf-8"
        )
        meta: JsonDict = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "labels": list(self.labels),
            "multilabel": self.multilabel,
            "featurizer": {
                "kind": "syllable-uni-bigram-tfidf",
                "title_weight": self.featurizer.title_weight,
                "tf": self.featurizer.tf,
                "max_chars": MAX_CHARS,
                "n_unigrams": len(self.featurizer.unigrams),
                "n_bigrams": int(self.featurizer.bigrams.shape[0]),
            },
            "thresholds": {lab: round(float(t), 4) for lab, t in zip(self.labels, self.thresholds, strict=True)},
            "sha256": {name: _sha256(out / name) for name in (WEIGHTS_FILE, VOCAB_FILE)},
            **{k: v for k, v in self.meta.items() if k not in _RESERVED},
        }
        (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, folder: str | Path) -> LinearTopicModel:
        """Read a model saved by :meth:`save`, checking every file's sha256 first.

        Raises:
            ModelError: a file is missing or the folder is not such a model.
            ModelIntegrityError: a file's content differs from its recorded sha256.
        """
        where = Path(folder)
        meta_path = where / META_FILE
        if not meta_path.is_file():
            raise ModelError(f"{where} is not a topic model folder: {META_FILE} is missing")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ModelError(f"{meta_path} cannot be read as JSON: {e}") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ModelError(f"{meta_path} is not a {FORMAT} description")
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{meta_path} has format version {meta.get('format_version')}; "
                f"this vnpolicy reads version {FORMAT_VERSION}: retrain or upgrade vnpolicy"
            )
        hashes = meta.get("sha256")
        if not isinstance(hashes, dict):
            raise ModelError(f"{meta_path} records no sha256 of the model files")
        for name in (WEIGHTS_FILE, VOCAB_FILE):
            path = where / name
            if not path.is_file():
                raise ModelError(f"{path} is missing")
            got = _sha256(path)
            if got != hashes.get(name):
                raise ModelIntegrityError(
                    f"{path} has sha256 {got}, but {META_FILE} records {hashes.get(name)}: "
                    "the file was changed or damaged; restore it or retrain the model"
                )
        try:
            with np.load(where / WEIGHTS_FILE, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            unigrams = json.loads((where / VOCAB_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"{where} cannot be read: {e}") from None
        labels = meta.get("labels")
        feat = meta.get("featurizer")
        if not (isinstance(labels, list) and all(isinstance(x, str) for x in labels)):
            raise ModelError(f"{meta_path}: 'labels' must be a list of strings")
        if not isinstance(feat, dict) or not isinstance(unigrams, list):
            raise ModelError(f"{meta_path}: 'featurizer' or the vocabulary is malformed")
        missing = {"coef", "intercept", "calib_a", "calib_b", "thresholds", "idf", "bigrams"} - set(arrays)
        if missing:
            raise ModelError(f"{where / WEIGHTS_FILE} lacks the arrays {sorted(missing)}")
        try:
            featurizer = SyllableFeaturizer(
                unigrams=[str(w) for w in unigrams],
                bigrams=arrays["bigrams"].astype(np.int64),
                idf=arrays["idf"].astype(np.float32),
                title_weight=int(feat.get("title_weight", 0)),
                tf=_tf(feat.get("tf", "log")),
            )
        except ValueError as e:
            raise ModelError(f"{where}: {e}") from None
        return cls(
            labels=tuple(labels),
            featurizer=featurizer,
            coef=np.ascontiguousarray(arrays["coef"], dtype=np.float32),
            intercept=arrays["intercept"].astype(np.float32),
            calib_a=arrays["calib_a"].astype(np.float32),
            calib_b=arrays["calib_b"].astype(np.float32),
            thresholds=arrays["thresholds"].astype(np.float32),
            multilabel=bool(meta.get("multilabel", True)),
            meta={k: v for k, v in meta.items() if k not in _RESERVED},
        )

    @classmethod
    def toy(cls) -> LinearTopicModel:
        """A two-label model with hand-set weights, for examples and tests of the plumbing."""
        feat = SyllableFeaturizer(
            unigrams=["bệnh", "học", "viện", "sinh"],
            bigrams=np.array([[0, 2], [1, 3]], dtype=np.int64),
            idf=np.ones(6, dtype=np.float32),
            title_weight=0,
        )
        coef = np.array([[2, -1], [-1, 2], [1, 0], [0, 1], [2, -1], [-1, 2]], dtype=np.float32)
        return cls(
            labels=("y_te", "giao_duc"),
            featurizer=feat,
            coef=coef,
            intercept=np.array([-1.0, -1.0], dtype=np.float32),
            calib_a=np.ones(2, dtype=np.float32),
            calib_b=np.zeros(2, dtype=np.float32),
            thresholds=np.full(2, 0.5, dtype=np.float32),
        )


_RESERVED = frozenset(
    {"format", "format_version", "labels", "multilabel", "featurizer", "thresholds", "sha256"}
)


def _tf(value: object) -> TfWeighting:
    # models saved before the setting existed weigh counts by 1 + log
    if value == "binary":
        return "binary"
    if value == "log":
        return "log"
    raise ValueError(f"featurizer tf must be 'log' or 'binary', got {value!r}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def timed_load(folder: str | Path) -> tuple[LinearTopicModel, float]:
    """Load a model and tell how many seconds it took (for the model card and the tests)."""
    start = time.perf_counter()
    model = LinearTopicModel.load(folder)
    return model, time.perf_counter() - start


def label_index(labels: Sequence[str]) -> Mapping[str, int]:
    """Column of each label."""
    return {lab: i for i, lab in enumerate(labels)}
