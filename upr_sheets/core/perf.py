"""Small performance helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk load builds millions of small objects.

    Reading and validating a large sheet creates lists and tuples by the million; the collector
    would scan them all repeatedly (about a third of the time at 100k recommendations). Reference
    counting still frees everything as usual; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
