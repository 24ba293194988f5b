"""Proof that work left the event loop, without mocking anything of ours: a real thread pool,
installed as the loop's default executor, that remembers the name of every function it ran."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class RecordingExecutor(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(max_workers=4, thread_name_prefix="recorded")
        self.ran: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.ran.append(getattr(fn, "__qualname__", repr(fn)))
        return super().submit(fn, *args, **kwargs)
