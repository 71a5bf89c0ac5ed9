"""Long calls report progress, can be cancelled by their callback, and stop on Ctrl+C (SIGINT)."""

import os
import signal
import threading
import time

import numpy as np
import pytest

import latentbridge as lb


@pytest.fixture(scope="module")
def big():
    rng = np.random.default_rng(0)
    # Large enough that one projection takes well over a second on a busy 2-core machine.
    X = rng.standard_normal((100_000, 256), dtype=np.float32)
    return X, X[:1000].copy()


def test_progress_is_reported(big):
    X, A = big
    seen = []
    lb.RelativeProjection().fit(A[:50]).transform(X[:50_000], progress=lambda stage, f: seen.append((stage, f)))
    assert seen and seen[-1][1] == 1.0
    assert all(0.0 <= f <= 1.0 for _, f in seen)


def test_callback_returning_false_cancels(big):
    X, A = big
    calls = []

    def stop(stage, fraction):
        calls.append(fraction)
        return False

    start = time.monotonic()
    with pytest.raises(lb.CancelledError):
        lb.RelativeProjection().fit(A).transform(X, progress=stop)
    cancelled_after = time.monotonic() - start
    assert len(calls) == 1
    start = time.monotonic()
    lb.RelativeProjection().fit(A).transform(X)
    full = time.monotonic() - start
    assert cancelled_after < full


def test_callback_exception_propagates_and_cancels(big):
    X, A = big

    def boom(stage, fraction):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        lb.Translator().fit(A[:500], A[500:1000]).transform(X, progress=boom)


def test_sigint_cancels_with_keyboardinterrupt(big):
    X, A = big
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in range(50):  # far longer than the timer, should it fire between calls
                lb.RelativeProjection().fit(A).transform(X)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 30


def test_gil_is_released_during_a_call(big):
    X, A = big
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=ticker)
    t.start()
    start = time.monotonic()
    lb.RelativeProjection().fit(A).transform(X[:100_000])
    end = time.monotonic()
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    assert end - start < 0.1 or len(during) >= 3
