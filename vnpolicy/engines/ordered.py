"""Results in input order from an executor, with a bounded number of tasks in flight.

Example:
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     list(ordered_map(lambda x: pool.submit(pow, x, 2), range(6), max_in_flight=3))
    [0, 1, 4, 9, 16, 25]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R_co = TypeVar("R_co", covariant=True)


class Pending(Protocol[R_co]):
    """A submitted task: a ``concurrent.futures.Future`` or a ``distributed.Future``."""

    def result(self) -> R_co:
        """Wait for the task and return its result (or raise its exception)."""
        ...

    def done(self) -> bool:
        """Whether the task has finished."""
        ...


def ordered_map(submit: Callable[[T], Pending[R_co]], tasks: Iterable[T], *, max_in_flight: int) -> Iterator[R_co]:
    """Submit ``tasks`` one by one and yield their results in submission order.

    At most ``max_in_flight`` tasks are submitted and not yet yielded, so the
    input is read only as fast as results are consumed (memory stays bounded),
    and a finished head result is yielded as soon as it is there.
    """
    pending: deque[Pending[R_co]] = deque()
    for task in tasks:
        pending.append(submit(task))
        while pending and (len(pending) >= max_in_flight or pending[0].done()):
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
