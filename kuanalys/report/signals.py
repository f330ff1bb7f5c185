"""SIGINT and SIGTERM in `kuanalys report`: raised as `RunInterrupted`, or held back briefly."""

from __future__ import annotations

import contextlib
import signal
import threading

EXIT_INTERRUPTED = {signal.SIGINT: 130, signal.SIGTERM: 143}  # the shell's 128 + signal number


class RunInterrupted(KeyboardInterrupt):
    """The run got SIGINT or SIGTERM; `signum` says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def _handled(handler):
    """Use `handler` for SIGINT and SIGTERM in the block (main thread only: elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, handler) for sig in EXIT_INTERRUPTED}
    try:
        yield
    finally:
        for sig, old in previous.items():
            if old is not None:  # None: a handler not set from Python, left as it is
                signal.signal(sig, old)


def interrupts_raise():
    """Turn SIGINT and SIGTERM into `RunInterrupted` in the block."""

    def handler(signum, frame):  # noqa: ARG001
        raise RunInterrupted(signum)

    return _handled(handler)


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM back while a few renames run; a signal that came is raised after.

    Handlers that only note the signal, not the thread's signal mask: the process pool's threads
    do not block signals, and the system may hand one to any of them."""
    held: list[int] = []
    with _handled(lambda signum, frame: held.append(signum)):  # noqa: ARG005
        yield
    if held:
        signal.raise_signal(held[0])
