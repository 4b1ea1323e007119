"""Holding the cyclic garbage collector off during bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """A 100,000-row return makes millions of objects that all live until the work ends;
    the collector would walk every one of them again and again, a third of the time of the
    import. Cycles made meanwhile are collected once it is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
