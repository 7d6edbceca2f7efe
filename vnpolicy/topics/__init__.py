"""Policy topics: which of the 15 areas of the guideline a text covers, with calibrated scores.

The shipped model (``vnpolicy/models/policy-topics``, inside the package) is a linear model over syllable
uni- and bigrams; predicting needs numpy and this package only, and the model
is read (and its sha256 checked) the first time it is needed. Training your
own model, on any label set, needs scikit-learn (``pip install
'vnpolicy[train]'``): :func:`train_topics` or ``vnpolicy train-topics``.

Example:
    >>> from vnpolicy.topics import predict_topics, classify_topics
    >>> [t.label for t in predict_topics(
    ...     "Bộ Y tế chỉ đạo chống dịch sốt xuất huyết\\n"
    ...     "Bộ Y tế yêu cầu các bệnh viện, trạm y tế tăng cường phòng chống dịch sốt xuất huyết, "
    ...     "bảo đảm thuốc và giường bệnh cho bệnh nhân.")]
    ['y_te']
    >>> len(classify_topics("Giá lúa giảm, nông dân lo lắng"))
    15
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..errors import ModelError
from ..records import TopicScore
from .model import LinearTopicModel
from .taxonomy import POLICY_AREAS, POLICY_LABELS
from .training import TopicClassifier, read_labelled, train_topics

__all__ = [
    "DEFAULT_MODEL_NAME",
    "MODEL_ENV",
    "POLICY_AREAS",
    "POLICY_LABELS",
    "LinearTopicModel",
    "TopicClassifier",
    "classify_topics",
    "default_model_path",
    "load_model",
    "predict_topics",
    "read_labelled",
    "train_topics",
]

DEFAULT_MODEL_NAME = "policy-topics"
"""Folder name of the shipped 15-area model under ``models/``."""
MODEL_ENV = "VNPOLICY_TOPIC_MODEL"
"""Environment variable that points to another default model folder."""

_lock = threading.Lock()
_cache: dict[Path, LinearTopicModel] = {}


def default_model_path() -> Path:
    """Where the default model is: ``$VNPOLICY_TOPIC_MODEL``, else ``models/policy-topics``.

    ``models/`` is looked for inside the installed package first, then beside
    it (a source checkout or an editable install).

    Raises:
        ModelError: no model folder is found.
    """
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent.parent
    for base in (package / "models", package.parent / "models"):
        candidate = base / DEFAULT_MODEL_NAME
        if (candidate / "model.json").is_file():
            return candidate
    raise ModelError(
        f"the policy-topic model ({DEFAULT_MODEL_NAME}) is not installed beside vnpolicy; "
        f"set {MODEL_ENV} to a model folder or pass model=..."
    )


def load_model(path: str | Path | None = None) -> LinearTopicModel:
    """The model in ``path`` (default: :func:`default_model_path`), read once and cached.

    Raises:
        ModelError: the folder is missing or not a model.
        ModelIntegrityError: a file differs from its recorded sha256.
    """
    where = (Path(path) if path is not None else default_model_path()).resolve()
    with _lock:
        model = _cache.get(where)
        if model is None:
            model = LinearTopicModel.load(where)
            _cache[where] = model
    return model


def _model(model: LinearTopicModel | str | Path | None) -> LinearTopicModel:
    return model if isinstance(model, LinearTopicModel) else load_model(model)


def classify_topics(text: str, *, model: LinearTopicModel | str | Path | None = None) -> list[TopicScore]:
    """Every label of the model with its calibrated probability, best first.

    Args:
        text: the article (its first line is read as the title when a body follows).
        model: a loaded model or a model folder (default: the 15-area policy model).

    Raises:
        InputTypeError: ``text`` is not a ``str``.
        ModelError: the model cannot be loaded.

    Example:
        >>> scores = classify_topics("Trường đại học tăng học phí\\nNhiều trường đại học tăng học phí.")
        >>> scores[0].label
        'giao_duc'
    """
    return _model(model).classify(text)


def predict_topics(text: str, *, model: LinearTopicModel | str | Path | None = None) -> list[TopicScore]:
    """The labels whose probability reaches the model's per-label threshold, best first.

    These are what :func:`vnpolicy.extract` puts in ``Record.topics``; an
    article about no Vietnamese policy area gets ``[]``.

    Example:
        >>> predict_topics("Ngã vào nồi chè nóng, bé trai bỏng nặng\\nBé trai 14 tháng tuổi bị bỏng.")
        []
    """
    return _model(model).predict(text)
