"""A notebook whose kernel fails to start (port clash between parallel kernels) is retried."""

from __future__ import annotations

import papermill

from kuanalys.report import execute


def test_kernel_start_failures_are_recognised():
    assert execute.is_kernel_start_failure(RuntimeError("Kernel died before replying to kernel_info"))
    assert execute.is_kernel_start_failure(Exception("ZMQError: Address already in use (addr='tcp://127.0.0.1:1')"))
    assert not execute.is_kernel_start_failure(KeyError("participants"))


def test_kernel_start_failure_is_retried(tmp_path, monkeypatch):
    calls = []

    def flaky(source, output, **kwargs):
        calls.append(output)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        (tmp_path / "out.ipynb").write_text("{}", encoding="utf-8")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(execute.time, "sleep", lambda s: None)
    result = execute.execute_notebook("02_kurser", tmp_path / "in.ipynb", tmp_path / "out.ipynb", {})
    assert result.ok
    assert len(calls) == 2


def test_failing_cell_is_not_retried(tmp_path, monkeypatch):
    calls = []

    def failing(source, output, **kwargs):
        calls.append(output)
        raise KeyError("participants")

    monkeypatch.setattr(papermill, "execute_notebook", failing)
    result = execute.execute_notebook("02_kurser", tmp_path / "in.ipynb", tmp_path / "out.ipynb", {})
    assert not result.ok
    assert len(calls) == 1
    assert "participants" in result.error
