"""The shape every sink has: add, flush, close.

Example::

    class PrintSink(BatchingSink[str]):
        def write(self, batch: list[str]) -> None:
            print(batch)

    sink = PrintSink(max_items=100)
    sink.add("a"); sink.flush(); sink.close()
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class Sink(Protocol[T_contra]):
    def add(self, item: T_contra) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class BatchingSink(ABC, Generic[T]):
    """Buffers items and writes them in one call per batch.

    ``add`` flushes by itself once ``max_items`` are buffered; callers flush on
    their own clock too (the agents do at the end of every stream batch, before
    the batch's offsets can be committed).
    """

    def __init__(self, max_items: int = 10_000) -> None:
        self.max_items = max_items
        self.buffer: list[T] = []

    @abstractmethod
    def write(self, batch: list[T]) -> None:
        """Persist ``batch`` or raise; must be idempotent (batches can be retried)."""

    def add(self, item: T) -> None:
        self.buffer.append(item)
        if len(self.buffer) >= self.max_items:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.write(self.buffer)
            self.buffer = []

    def close(self) -> None:
        self.flush()
