"""SIGINT and SIGTERM in `kuanalys report`: raised as `RunInterrupted`, or held back briefly."""

from __future__ import annotations

import contextlib
import signal
import threading

EXIT_INTERRUPTED = {signal.SIGINT: 130, signal.SIGTERM: 143}  # the shell's 128 + signal number


class RunInterrupted(KeyboardInterrupt):
    """The run got SIGINT or SIGTERM: `RunInterrupted(signum)`."""

    signum = property(lambda self: self.args[0] if self.args else signal.SIGINT)


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


def _raise(signum: int, frame) -> None:  # noqa: ARG001
    raise RunInterrupted(signum)


def interrupts_raise():
    """Turn SIGINT and SIGTERM into `RunInterrupted` in the block."""
    return _handled(_raise)


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM back while a few renames run; one that came is raised afterwards.
    (Handlers that note it, not a signal mask: the pool's threads would still get signals.)"""
    held: list[int] = []
    with _handled(lambda signum, frame: held.append(signum)):  # noqa: ARG005
        yield
    if held:
        signal.raise_signal(held[0])
