"""Progress of a batch run on standard error: a live bar on a terminal, log lines elsewhere.

The bar shows documents done, documents per second, error records so far and
the time left, estimated from the share of input bytes read (compressed bytes
for an archive), which is known without counting the documents first.

Example:
    >>> import io
    >>> out = io.StringIO()
    >>> p = Progress(out, mode="log", total_bytes=1000, clock=iter([0.0, 10.0, 10.0]).__next__)
    >>> p.update(documents=500, errors=2, bytes_read=250)
    >>> out.getvalue()
    'vnpolicy: 500 documents, 50.0 docs/s, 2 errors, 25% read, ETA 0:00:30\\n'
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from typing import Literal, TextIO

ProgressMode = Literal["auto", "bar", "log", "none"]

BAR_INTERVAL = 0.2
"""Seconds between redraws of the bar."""
LOG_INTERVAL = 10.0
"""Seconds between log lines when standard error is not a terminal."""


class Progress:
    """Reports a run's progress; ``mode="auto"`` draws a bar on a terminal, logs lines otherwise."""

    def __init__(self, stream: TextIO | None = None, *, mode: ProgressMode = "auto", total_bytes: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "log"
        self.mode = mode
        self.total_bytes = total_bytes
        self._clock = clock
        self._started = clock()
        self._last = self._started
        self._skipped = 0
        self._drawn = False

    def skip(self, documents: int) -> None:
        """Documents done by the run being resumed: not counted in the rate."""
        self._skipped = documents

    def update(self, *, documents: int, errors: int, bytes_read: int, force: bool = False) -> None:
        """Report the counts so far (redrawn or logged only every so often, unless ``force``)."""
        if self.mode == "none":
            return
        now = self._clock()
        interval = BAR_INTERVAL if self.mode == "bar" else LOG_INTERVAL
        if not force and now - self._last < interval:
            return
        self._last = now
        line = self.line(documents=documents, errors=errors, bytes_read=bytes_read, now=now)
        if self.mode == "bar":
            self.stream.write("\r\x1b[K" + line)
            self._drawn = True
        else:
            self.stream.write("vnpolicy: " + line + "\n")
        self.stream.flush()

    def line(self, *, documents: int, errors: int, bytes_read: int, now: float) -> str:
        """The progress line: documents, rate, errors, share read and ETA."""
        elapsed = max(now - self._started, 1e-9)
        rate = (documents - self._skipped) / elapsed
        parts = [f"{documents} documents", f"{rate:.1f} docs/s", f"{errors} errors"]
        if self.total_bytes:
            share = min(bytes_read / self.total_bytes, 1.0)
            parts.append(f"{share:.0%} read")
            if share > 0:
                remaining = elapsed * (1 - share) / share
                parts.append(f"ETA {dt.timedelta(seconds=round(remaining))}")
        return ", ".join(parts)

    def close(self) -> None:
        """End the bar's line so that what follows starts on a new one."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
