"""vnpolicy: structured, trustworthy records from Vietnamese policy and government news.

Example:
    >>> import vnpolicy
    >>> r = vnpolicy.extract("Năm 2019, toàn tỉnh có 41 xã đạt chuẩn nông thôn mới.")
    >>> r.to_dict()["quantities"][0]["unit"]
    'xã'
"""

from __future__ import annotations

from .compiled import pure_python_requested, use_pure_python

if pure_python_requested():
    # before any extractor is imported: VNPOLICY_PURE_PYTHON=1 runs the .py files
    use_pure_python()

from .batch import extract_many
from .errors import EncodingError, InputTypeError, InputValueError, VnpolicyError
from .frames import to_frames
from .pipeline import extract
from .records import (
    DateMention,
    Fraction,
    Indicator,
    LegalRef,
    Mention,
    Percent,
    Period,
    Quantity,
    Record,
    Slogan,
    TopicScore,
)
from .repair import Repaired, repair
from .topics import classify_topics, predict_topics

__version__ = "0.1.0"

__all__ = [
    "DateMention",
    "EncodingError",
    "Fraction",
    "Indicator",
    "InputTypeError",
    "InputValueError",
    "LegalRef",
    "Mention",
    "Percent",
    "Period",
    "Quantity",
    "Record",
    "Repaired",
    "Slogan",
    "TopicScore",
    "VnpolicyError",
    "classify_topics",
    "extract",
    "extract_many",
    "predict_topics",
    "repair",
    "to_frames",
]
