"""Train a topic classifier on any label set (scikit-learn, an optional extra: ``vnpolicy[train]``).

:class:`TopicClassifier` follows scikit-learn's estimator rules: ``__init__``
only stores its parameters, :meth:`~TopicClassifier.fit` returns ``self`` and
every learned attribute ends in ``_``. Fitting builds the syllable vocabulary,
trains one L2-regularised linear model per label (one-vs-rest: logistic
regression, or with ``loss="squared_hinge"`` a linear SVM; with ``nb_scale``
on naive-Bayes-scaled features, the NBSVM of Wang & Manning), fits a
Platt calibration per label on out-of-fold scores, and, for multi-label data,
picks per-label thresholds that maximise out-of-fold F1. The result,
:meth:`~TopicClassifier.to_model`, is a :class:`LinearTopicModel` that
predicts with numpy alone.

Example:
    >>> texts = ["Bệnh viện tiếp nhận bệnh nhân cấp cứu", "Bộ Y tế chỉ đạo chống dịch sốt xuất huyết",
    ...          "Học sinh thi tốt nghiệp THPT", "Trường đại học tuyển sinh năm 2017"] * 4
    >>> labels = [["y_te"], ["y_te"], ["giao_duc"], ["giao_duc"]] * 4
    >>> clf = TopicClassifier(min_df=1, cv=2).fit(texts, labels)
    >>> clf.classes_
    ('giao_duc', 'y_te')
    >>> clf.predict(["Bệnh nhân được bác sĩ cấp cứu"])
    [['y_te']]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import MissingDependencyError, TrainingDataError
from ..records import JsonValue
from .features import SyllableFeaturizer, TfWeighting
from .model import LinearTopicModel

LabelsLike = Sequence[str] | Sequence[Sequence[str]]
FloatArray = npt.NDArray[np.float64]
BoolMatrix = npt.NDArray[np.bool_]

MIN_EXAMPLES = 5
"""A label needs at least this many positive examples (and as many negatives) to be learned."""

LOSSES = ("log", "squared_hinge")
"""Losses of the binary models: logistic regression, or a linear SVM with the squared hinge."""


def _sklearn() -> Any:
    try:
        import sklearn
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError(
            "training a topic model needs scikit-learn: pip install 'vnpolicy[train]'"
        ) from None
    return sklearn


@dataclass(frozen=True)
class LabelReport:
    """Out-of-fold precision, recall and F1 of one label."""

    label: str
    support: int
    precision: float
    recall: float
    f1: float


class TopicClassifier:
    """Calibrated one-vs-rest linear models (logistic regression or SVM) over syllable uni- and bigrams.

    Args:
        C: inverse L2 regularisation strength of each binary model.
        min_df: an n-gram in fewer training documents is not a feature.
        max_unigrams: keep at most this many syllables.
        max_bigrams: keep at most this many syllable pairs.
        title_weight: extra counts of the first line's syllables (the title).
        tf: ``"log"`` weighs an n-gram ``(1 + log count) * idf``, ``"binary"``
            by its presence times idf.
        loss: ``"log"`` (L2 logistic regression) or ``"squared_hinge"`` (L2
            linear SVM, Wang & Manning's NBSVM with ``nb_scale``); either way
            the scores are calibrated by a Platt sigmoid on out-of-fold scores.
        cv: folds for the out-of-fold scores (calibration, thresholds, report).
        class_weight: ``None`` or ``"balanced"`` (passed to each binary model).
        nb_scale: scale each label's features by their naive-Bayes log-count
            ratio before fitting (Wang & Manning's NBSVM idea); folded into
            the weights, so prediction is unchanged in cost.
        multilabel: ``None`` decides from ``y`` (lists -> multi-label, strings -> single-label).
        min_examples: fewest positive examples a label may have.
        random_state: seed of the fold split.
    """

    def __init__(
        self,
        *,
        C: float = 10.0,
        min_df: int = 2,
        max_unigrams: int = 50_000,
        max_bigrams: int = 200_000,
        title_weight: int = 2,
        tf: TfWeighting = "log",
        loss: str = "log",
        cv: int = 5,
        class_weight: str | None = None,
        nb_scale: bool = False,
        multilabel: bool | None = None,
        min_examples: int = MIN_EXAMPLES,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.min_df = min_df
        self.max_unigrams = max_unigrams
        self.max_bigrams = max_bigrams
        self.title_weight = title_weight
        self.tf = tf
        self.loss = loss
        self.cv = cv
        self.class_weight = class_weight
        self.nb_scale = nb_scale
        self.multilabel = multilabel
        self.min_examples = min_examples
        self.random_state = random_state

    # scikit-learn's parameter protocol, written out so that prediction needs no sklearn
    _PARAMS = ("C", "min_df", "max_unigrams", "max_bigrams", "title_weight", "tf", "loss", "cv",
               "class_weight", "nb_scale", "multilabel", "min_examples", "random_state")

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters (scikit-learn protocol)."""
        return {name: getattr(self, name) for name in self._PARAMS}

    def set_params(self, **params: Any) -> TopicClassifier:
        """Set constructor parameters (scikit-learn protocol); returns ``self``."""
        for name, value in params.items():
            if name not in self._PARAMS:
                raise ValueError(f"unknown parameter {name!r}; expected one of {self._PARAMS}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != TopicClassifier().get_params()[k]}
        return "TopicClassifier(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"

    # -- fitting ----------------------------------------------------------

    def fit(
        self,
        X: Sequence[str],
        y: LabelsLike,
        *,
        sample_weight: Sequence[float] | None = None,
        abstain: Sequence[Sequence[str]] | None = None,
        labels: Sequence[str] | None = None,
    ) -> TopicClassifier:
        """Learn from texts and their labels; returns ``self``.

        Args:
            X: the training texts.
            y: per text, a list of labels (multi-label; may be empty) or one label (single-label).
            sample_weight: optional weight of each text.
            abstain: optional, per text, labels whose binary model ignores that
                text (weak supervision that is unsure about them).
            labels: the label set and its order (default: sorted labels of ``y``).

        Raises:
            TrainingDataError: lengths differ, or a label has too few examples to learn.
            ValueError: ``loss`` or ``tf`` is not one of the known values.
        """
        _sklearn()
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {self.loss!r}")
        if self.tf not in ("log", "binary"):
            raise ValueError(f"tf must be 'log' or 'binary', got {self.tf!r}")
        from scipy.sparse import csr_matrix

        texts = list(X)
        n = len(texts)
        if n != len(y):
            raise TrainingDataError(f"{n} texts but {len(y)} label entries")
        multilabel = self.multilabel
        if multilabel is None:
            multilabel = not all(isinstance(v, str) for v in y)
        label_sets = [_as_set(v, multilabel, i) for i, v in enumerate(y)]
        classes = tuple(labels) if labels is not None else tuple(sorted(set().union(*label_sets)))
        unknown = set().union(*label_sets) - set(classes)
        if unknown:
            raise TrainingDataError(f"labels {sorted(unknown)} are not in the given label set")
        if len(classes) < (1 if multilabel else 2):
            raise TrainingDataError(
                "a single-label model needs at least two labels" if not multilabel
                else "no labels to learn: every example has an empty label list"
            )
        Y = np.zeros((n, len(classes)), dtype=bool)
        col = {c: j for j, c in enumerate(classes)}
        for i, s in enumerate(label_sets):
            for lab in s:
                Y[i, col[lab]] = True
        ignore = np.zeros_like(Y)
        if abstain is not None:
            for i, unsure in enumerate(abstain):
                for lab in unsure:
                    if lab in col:
                        ignore[i, col[lab]] = True
        self._check_support(classes, Y, ignore)
        w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)

        featurizer = SyllableFeaturizer.build(
            texts, min_df=self.min_df, max_unigrams=self.max_unigrams,
            max_bigrams=self.max_bigrams, title_weight=self.title_weight, tf=self.tf,
        )
        indptr, indices, data = featurizer.transform(texts)
        Xm = csr_matrix((data, indices, indptr), shape=(n, featurizer.n_features), dtype=np.float64)

        folds = self._folds(Y, multilabel)
        oof = np.zeros((n, len(classes)))
        coef = np.zeros((featurizer.n_features, len(classes)), dtype=np.float32)
        intercept = np.zeros(len(classes), dtype=np.float32)
        for j in range(len(classes)):
            keep = ~ignore[:, j]
            for fold in range(self.cv):
                train = keep & (folds != fold)
                test = folds == fold
                wj, bj = self._fit_binary(Xm, Y[:, j], w, train)
                oof[test, j] = Xm[test] @ wj + bj
            wj, bj = self._fit_binary(Xm, Y[:, j], w, keep)
            coef[:, j], intercept[j] = wj, bj

        calib_a, calib_b = _platt(oof, Y, ~ignore)
        prob = _sigmoid(calib_a * oof + calib_b)
        if multilabel:
            thresholds = np.array([_best_threshold(prob[:, j], Y[:, j], ~ignore[:, j])
                                   for j in range(len(classes))])
        else:
            thresholds = np.zeros(len(classes))

        self.featurizer_ = featurizer
        self.classes_ = classes
        self.multilabel_ = multilabel
        self.coef_ = coef
        self.intercept_ = intercept
        self.calibration_ = (calib_a.astype(np.float32), calib_b.astype(np.float32))
        self.thresholds_ = thresholds.astype(np.float32)
        self.oof_proba_ = prob
        self.cv_report_ = _report(classes, Y, prob, self.thresholds_, multilabel, ~ignore)
        self.n_features_ = featurizer.n_features
        return self

    def _check_support(self, classes: tuple[str, ...], Y: BoolMatrix, ignore: BoolMatrix) -> None:
        need = max(self.min_examples, self.cv)
        for j, lab in enumerate(classes):
            pos = int((Y[:, j] & ~ignore[:, j]).sum())
            neg = int((~Y[:, j] & ~ignore[:, j]).sum())
            if pos < need:
                raise TrainingDataError(
                    f"label {lab!r} has {pos} example(s); at least {need} are needed to learn it "
                    "(add examples or drop the label)"
                )
            if neg < need:
                raise TrainingDataError(
                    f"label {lab!r} is on {Y.shape[0] - neg} of {Y.shape[0]} examples; at least {need} "
                    "examples without it are needed to learn what it is not"
                )

    def _folds(self, Y: BoolMatrix, multilabel: bool) -> npt.NDArray[np.int64]:
        rng = np.random.default_rng(self.random_state)
        n = Y.shape[0]
        folds = np.empty(n, dtype=np.int64)
        if multilabel:
            # order by the rarest label a text has, then deal round-robin: every
            # fold gets its share of each rare label (a cheap stratification)
            freq = Y.sum(axis=0)
            rarest = np.where(Y.any(axis=1), np.where(Y, freq, n + 1).min(axis=1), n + 2)
            order = np.lexsort((rng.random(n), rarest))
        else:
            order = np.lexsort((rng.random(n), Y.argmax(axis=1)))
        folds[order] = np.arange(n) % self.cv
        return folds

    def _fit_binary(self, Xm: Any, y: BoolMatrix, w: FloatArray,
                    rows: BoolMatrix) -> tuple[npt.NDArray[np.float32], float]:
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        Xs, ys, ws = Xm[rows], y[rows], w[rows]
        scale = None
        if self.nb_scale:
            scale = _nb_ratio(Xs, ys)
            Xs = Xs.multiply(scale).tocsr()
        if ys.all() or not ys.any():
            # a fold without one of the two classes: a constant score
            const = 5.0 if ys.all() else -5.0
            return np.zeros(Xm.shape[1], dtype=np.float32), const
        # the dual problem is the fast one when features outnumber documents (text: always)
        model: Any
        if self.loss == "squared_hinge":
            model = LinearSVC(C=self.C, loss="squared_hinge", dual=True, class_weight=self.class_weight,
                              max_iter=5000, random_state=self.random_state)
        else:
            model = LogisticRegression(C=self.C, solver="liblinear", dual=True, class_weight=self.class_weight,
                                       max_iter=1000, random_state=self.random_state)
        model.fit(Xs, ys, sample_weight=ws)
        wv = model.coef_.ravel()
        if scale is not None:
            wv = wv * scale
        return wv.astype(np.float32), float(model.intercept_[0])

    # -- prediction -------------------------------------------------------

    def to_model(self, meta: dict[str, JsonValue] | None = None) -> LinearTopicModel:
        """The fitted classifier as a numpy-only :class:`LinearTopicModel`."""
        a, b = self.calibration_
        return LinearTopicModel(
            labels=self.classes_, featurizer=self.featurizer_, coef=self.coef_,
            intercept=self.intercept_, calib_a=a, calib_b=b, thresholds=self.thresholds_,
            multilabel=self.multilabel_, meta=dict(meta or {}),
        )

    def predict_proba(self, X: Sequence[str]) -> npt.NDArray[np.float32]:
        """Calibrated scores, one row per text and one column per label of ``classes_``."""
        model = self.to_model()
        return np.array([model.probabilities(t) for t in X], dtype=np.float32).reshape(-1, len(self.classes_))

    def predict(self, X: Sequence[str]) -> list[list[str]] | list[str]:
        """Labels of each text: lists (multi-label) or one label each (single-label)."""
        model = self.to_model()
        if self.multilabel_:
            return [[s.label for s in model.predict(t)] for t in X]
        return [model.predict(t)[0].label for t in X]


def _as_set(v: str | Sequence[str], multilabel: bool, i: int) -> set[str]:
    if isinstance(v, str):
        if not v:
            raise TrainingDataError(f"example {i}: empty label")
        return {v}
    s = set(v)
    if not multilabel and len(s) != 1:
        raise TrainingDataError(f"example {i}: a single-label model needs exactly one label, got {sorted(s)}")
    if any(not isinstance(x, str) or not x for x in s):
        raise TrainingDataError(f"example {i}: labels must be non-empty strings, got {list(v)}")
    return s


def _nb_ratio(Xs: Any, ys: BoolMatrix) -> npt.NDArray[np.float64]:
    """Naive-Bayes log-count ratio of each feature (presence counts, add-one smoothing)."""
    present = (Xs > 0).astype(np.float64)
    p = np.asarray(present[ys].sum(axis=0)).ravel() + 1.0
    q = np.asarray(present[~ys].sum(axis=0)).ravel() + 1.0
    out: npt.NDArray[np.float64] = np.log((p / p.sum()) / (q / q.sum()))
    return out


def _sigmoid(z: FloatArray) -> FloatArray:
    out: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
    return out


def _platt(scores: FloatArray, Y: BoolMatrix, use: BoolMatrix) -> tuple[FloatArray, FloatArray]:
    """Per-label sigmoid fit of out-of-fold scores to labels (Platt, with his smoothed targets)."""
    from sklearn.linear_model import LogisticRegression

    a = np.ones(Y.shape[1])
    b = np.zeros(Y.shape[1])
    for j in range(Y.shape[1]):
        s, y = scores[use[:, j], j], Y[use[:, j], j]
        n_pos, n_neg = int(y.sum()), int((~y).sum())
        if n_pos == 0 or n_neg == 0:
            continue
        # Platt's targets keep the fit finite when the scores separate perfectly
        t_pos, t_neg = (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0)
        xs = np.concatenate([s, s])[:, None]
        ys = np.concatenate([np.ones_like(s), np.zeros_like(s)])
        ws = np.concatenate([np.where(y, t_pos, t_neg), np.where(y, 1 - t_pos, 1 - t_neg)])
        lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(xs, ys, sample_weight=ws)
        a[j], b[j] = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    return a, b


def _best_threshold(p: FloatArray, y: BoolMatrix, use: BoolMatrix) -> float:
    p, y = p[use], y[use]
    if not y.any():
        return 0.5
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ps) + 1)
    f1 = 2 * tp / (k + ys.sum())
    best = int(np.argmax(f1))
    # midway to the next score, so that the threshold is not glued to one example
    nxt = ps[best + 1] if best + 1 < len(ps) else ps[best] / 2
    return float(min(0.95, max(0.05, (ps[best] + nxt) / 2)))


def _report(classes: tuple[str, ...], Y: BoolMatrix, prob: FloatArray, thresholds: npt.NDArray[np.float32],
            multilabel: bool, use: BoolMatrix) -> dict[str, JsonValue]:
    if multilabel:
        pred = prob >= thresholds
    else:
        pred = np.zeros_like(Y)
        pred[np.arange(Y.shape[0]), prob.argmax(axis=1)] = True
    per: list[LabelReport] = []
    tp_all = fp_all = fn_all = 0
    for j, lab in enumerate(classes):
        u = use[:, j]
        tp = int((pred[u, j] & Y[u, j]).sum())
        fp = int((pred[u, j] & ~Y[u, j]).sum())
        fn = int((~pred[u, j] & Y[u, j]).sum())
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        pr, rc = _safe(tp, tp + fp), _safe(tp, tp + fn)
        per.append(LabelReport(lab, tp + fn, pr, rc, _safe(2 * pr * rc, pr + rc)))
    mp, mr = _safe(tp_all, tp_all + fp_all), _safe(tp_all, tp_all + fn_all)
    out: dict[str, JsonValue] = {
        "examples": int(Y.shape[0]),
        "micro_f1": round(_safe(2 * mp * mr, mp + mr), 4),
        "macro_f1": round(sum(r.f1 for r in per) / len(per), 4),
        "per_label": {r.label: {"support": r.support, "precision": round(r.precision, 4),
                                "recall": round(r.recall, 4), "f1": round(r.f1, 4)} for r in per},
    }
    if not multilabel:
        out["accuracy"] = round(float((Y.argmax(axis=1) == prob.argmax(axis=1)).mean()), 4)
    return out


def _safe(a: float, b: float) -> float:
    return a / b if b else 0.0


def format_report(report: dict[str, JsonValue]) -> str:
    """A cross-validated report as an aligned text table.

    Example:
        >>> print(format_report({"examples": 4, "micro_f1": 1.0, "macro_f1": 1.0,
        ...     "per_label": {"y_te": {"support": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}}}))
        label                 support  precision  recall      f1
        y_te                        2      1.000   1.000   1.000
        examples 4  micro-F1 1.000  macro-F1 1.000
    """
    lines = [f"{'label':20} {'support':>8} {'precision':>10} {'recall':>7} {'f1':>7}"]
    per = report.get("per_label")
    if isinstance(per, dict):
        for lab, r in per.items():
            if isinstance(r, dict):
                lines.append(f"{lab:20} {r['support']:>8} {r['precision']:>10.3f} {r['recall']:>7.3f} {r['f1']:>7.3f}")
    tail = f"examples {report['examples']}  micro-F1 {report['micro_f1']:.3f}  macro-F1 {report['macro_f1']:.3f}"
    if "accuracy" in report:
        tail += f"  accuracy {report['accuracy']:.3f}"
    lines.append(tail)
    return "\n".join(lines)


def label_counts(y: LabelsLike) -> Counter[str]:
    """How many examples carry each label."""
    c: Counter[str] = Counter()
    for v in y:
        c.update([v] if isinstance(v, str) else set(v))
    return c



@dataclass(frozen=True)
class LabelledData:
    """Texts and labels read from a labelled JSON Lines file."""

    texts: list[str]
    labels: list[list[str]] | list[str]
    ids: list[str]
    multilabel: bool


_TEXT_KEYS = ("text",)
_LABEL_KEYS = ("labels", "topics", "label")


def read_labelled(path: str | Path) -> LabelledData:
    """Read ``{"text": ..., "labels": [...]}`` lines (or ``"label": "..."``, or gold ``"topics"``).

    A file whose lines carry lists is multi-label (a list may be empty: the
    text has none of the labels); one whose lines carry single strings is
    single-label. Blank lines are skipped.

    Raises:
        TrainingDataError: the file is missing or not UTF-8, a line is not a
            JSON object, has no text, has no labels, or mixes the two forms;
            the message names the file and line.

    Example:
        >>> import json, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "l.jsonl"
        >>> _ = p.write_text(json.dumps({"text": "Giá lúa tăng", "label": "kinh_te"}) + "\\n", encoding="utf-8")
        >>> read_labelled(p).labels
        ['kinh_te']
        >>> _ = p.write_text('{"text": "Giá lúa tăng"}\\n', encoding="utf-8")
        >>> read_labelled(p)
        Traceback (most recent call last):
        ...
        vnpolicy.errors.TrainingDataError: ...l.jsonl:1: no labels: give "labels": [...] ...
    """
    where = Path(path)
    if not where.is_file():
        raise TrainingDataError(f"{where}: no such file")
    texts: list[str] = []
    multi: list[list[str]] = []
    single: list[str] = []
    ids: list[str] = []
    form: str | None = None
    try:
        with where.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise TrainingDataError(f"{where}:{n}: not a JSON object ({e.msg} at column {e.colno})") from None
                if not isinstance(obj, dict):
                    raise TrainingDataError(f"{where}:{n}: a line must be a JSON object with text and labels")
                text = next((obj[k] for k in _TEXT_KEYS if k in obj), None)
                if not isinstance(text, str) or not text.strip():
                    raise TrainingDataError(f"{where}:{n}: no text: give a non-empty \"text\" string")
                key = next((k for k in _LABEL_KEYS if k in obj), None)
                if key is None:
                    raise TrainingDataError(
                        f"{where}:{n}: no labels: give \"labels\": [...] (may be empty) or \"label\": \"...\""
                    )
                value = obj[key]
                this = "single" if isinstance(value, str) else "multi"
                if form is not None and this != form:
                    raise TrainingDataError(
                        f"{where}:{n}: mixes a single label and label lists; use one form in the whole file"
                    )
                form = this
                if isinstance(value, str):
                    if not value.strip():
                        raise TrainingDataError(f"{where}:{n}: empty label")
                    single.append(value.strip())
                elif isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                    multi.append(sorted({v.strip() for v in value}))
                else:
                    raise TrainingDataError(
                        f"{where}:{n}: {key!r} must be a list of non-empty strings, got {json.dumps(value)[:80]}"
                    )
                texts.append(text)
                ids.append(str(obj.get("id", f"{where.name}:{n}")))
    except UnicodeDecodeError as e:
        raise TrainingDataError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    if not texts:
        raise TrainingDataError(f"{where}: no labelled lines")
    labels: list[list[str]] | list[str] = multi if form == "multi" else single
    return LabelledData(texts=texts, labels=labels, ids=ids, multilabel=form == "multi")


def train_topics(
    path: str | Path,
    output: str | Path | None = None,
    **params: Any,
) -> tuple[LinearTopicModel, dict[str, JsonValue]]:
    """Train a topic model on a labelled JSON Lines file; save it to ``output`` if given.

    Args:
        path: the labelled file (see :func:`read_labelled`).
        output: a folder to save the model in (created), or ``None``.
        **params: :class:`TopicClassifier` parameters (``C``, ``min_df``, ``cv``, ...).

    Returns:
        The model and its cross-validated report (see :func:`format_report`).

    Raises:
        TrainingDataError: the file cannot be trained on (the message names the
            line or the label at fault).
    """
    data = read_labelled(path)
    params.setdefault("multilabel", data.multilabel)
    clf = TopicClassifier(**params)
    try:
        clf.fit(data.texts, data.labels)
    except TrainingDataError as e:
        raise TrainingDataError(f"{path}: {e}") from None
    report = clf.cv_report_
    model = clf.to_model(meta={
        "trained_on": {"file": Path(path).name, "examples": len(data.texts)},
        "params": {k: v for k, v in clf.get_params().items() if isinstance(v, str | int | float | bool)},
        "cv_report": report,
    })
    if output is not None:
        model.save(output)
    return model, report
