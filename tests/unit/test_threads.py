"""scoring/threads.py: SMAA and VIKOR's batched path run their matrix products on one BLAS
thread, and the process's own setting comes back afterwards, in the main thread and in the
worker threads the app runs sessions in."""

from __future__ import annotations

import importlib
import threading

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

import scoring.threads as threads
from scoring.sensitivity import smaa
from scoring.threads import one_blas_thread
from tests.unit.test_sensitivity_smaa import flat_case

smaa_module = importlib.import_module("scoring.sensitivity.smaa")
vikor_module = importlib.import_module("scoring.methods.vikor")


def blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_one_thread_inside_and_the_original_after():
    with threadpool_limits(2, user_api="blas"):
        assert blas_threads() == {2}
        with one_blas_thread():
            assert blas_threads() == {1}
            with one_blas_thread():  # nested: still one, and the inner exit changes nothing
                assert blas_threads() == {1}
            assert blas_threads() == {1}
        assert blas_threads() == {2}


def test_a_worker_thread_limits_and_releases(monkeypatch):
    # Streamlit runs each session's script in a thread of its own. threadpoolctl lets one
    # thread at a time set OpenBLAS's process-wide pool: each block must take the limit and give
    # control back when it ends, or the next session's limit would be ignored.
    before = blas_threads()
    seen = []

    def session() -> None:
        with one_blas_thread():
            seen.append(blas_threads())
        seen.append(blas_threads())

    for _ in range(2):
        t = threading.Thread(target=session)
        t.start()
        t.join(10)
    assert seen == [{1}, before, {1}, before]
    assert blas_threads() == before


def test_smaa_and_vikor_score_on_one_blas_thread(monkeypatch):
    seen = []
    for module, name in ((smaa_module, "rank_shares"), (vikor_module, "shortfalls")):
        real = getattr(module, name)

        def spy(*args, real=real, **kwargs):
            seen.append(blas_threads())
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    case = flat_case([[10, 2], [2, 6], [5, 5]], [1, 1])
    with threadpool_limits(2, user_api="blas"):
        smaa(case, smaa_module.Scenario(method="vikor"), samples=50)
        vikor_module.vikor(np.eye(3), np.full((4, 3), 1 / 3))
        assert blas_threads() == {2}
    assert seen and all(s == {1} for s in seen)


def test_only_the_outermost_block_sets_the_limit_even_after_an_error(monkeypatch):
    real = threads._controller()
    calls = []

    class Counting:
        def limit(self, **kwargs):
            calls.append(kwargs)
            return real.limit(**kwargs)

    monkeypatch.setattr(threads, "_controller", lambda: Counting())
    with one_blas_thread(), one_blas_thread():
        assert blas_threads() == {1}
    assert calls == [{"limits": 1, "user_api": "blas"}]
    try:
        with one_blas_thread():
            raise ValueError("a failing analysis")
    except ValueError:
        pass
    with one_blas_thread():  # the error left no depth behind: this block sets the limit again
        pass
    assert len(calls) == 3
