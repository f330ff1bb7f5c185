"""SIGINT and SIGTERM in `kuanalys report`: raised as `RunInterrupted`, or held back briefly."""

from __future__ import annotations

import contextlib
import signal
import threading

# Exit codes of an interrupted run (the shell's 128 + signal number).
EXIT_INTERRUPTED = {signal.SIGINT: 130, signal.SIGTERM: 143}


class RunInterrupted(KeyboardInterrupt):
    """The run got SIGINT or SIGTERM; `signum` says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def interrupts_raise():
    """Turn SIGINT and SIGTERM into `RunInterrupted` in the main thread (no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise RunInterrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM back while a few renames run (delivered afterwards).

    The handlers are swapped for ones that only note the signal, rather than the main thread's
    signal mask changed: the process has other threads (the process pool's), and the system may
    hand a signal to any thread that does not block it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, frame: held.append(signum))  # noqa: ARG005
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for sig, old in previous.items():
            if old is not None:  # None: a handler not set from Python, left as it is
                signal.signal(sig, old)
        if held:
            signal.raise_signal(held[0])
