"""Small performance helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_AT = 100_000  # objects a load must leave behind for freezing them to pay


@contextmanager
def no_gc(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk load builds millions of small objects.

    Reading and validating a large sheet creates lists and tuples by the million; the collector
    would scan them all repeatedly (about a third of the time at 100k recommendations). Reference
    counting still frees everything as usual; the collector resumes afterwards.

    `freeze`: when the block left more than FREEZE_AT new objects, move everything alive out of the
    collector's generations (gc.freeze) before it resumes. Without that, its first pass after a large
    load scans them all (0.5–0.9 s at 100k recommendations), and every full pass later does again. A
    loaded Dataset holds no reference cycles: when it is replaced, reference counting frees it, frozen
    or not.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze and gc.get_count()[0] >= FREEZE_AT:
            gc.freeze()
        if was_enabled:
            gc.enable()
