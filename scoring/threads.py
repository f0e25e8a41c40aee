"""One BLAS thread for the batched analyses (SMAA): their matrix products are thin, (k, n) by
(n, m) with n and m a few dozen, and OpenBLAS's threads cost more than they save there. On a
2-core machine shared with other work they doubled SMAA's CPU time (measured: a 100,000 x 12 by
12 x 20 product took 26-32 ms of CPU with the default two threads, 8 ms with one), and they spin
on for a while after each call.

threadpoolctl sets the BLAS library's thread count for the duration of a `with` block and
restores it after. OpenBLAS's pool is process-wide: while one Python thread holds a limit
(an app session running SMAA), threadpoolctl lets no other thread change it, and releases it
when that block ends, so overlapping users never leave the process at one thread for good.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    # Built once: finding the loaded BLAS libraries takes a fraction of a millisecond.
    return ThreadpoolController()


_inside = threading.local()  # .depth: this thread already runs under one_blas_thread


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block (or, as a decorator, each call) with BLAS limited to one thread.

    Nested uses (SMAA calls VIKOR's batched path, itself limited) cost nothing: only the
    outermost block in a thread sets and restores the limit (threadpoolctl takes ~0.1 ms).
    """
    if getattr(_inside, "depth", 0):
        yield
        return
    _inside.depth = 1
    try:
        with _controller().limit(limits=1, user_api="blas"):
            yield
    finally:
        _inside.depth = 0
