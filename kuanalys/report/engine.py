"""A papermill engine that writes the executed notebook once, when it is done.

papermill's own engine saves the whole notebook (validated against the nbformat schema) when
each cell starts and again when it completes: some 16 writes per section notebook, which cost
about 1 s of the report's CPU time here. The report needs the notebook only at the end. This
engine saves at the start and when the notebook completes, which papermill does whatever
happened (a failing cell, a cell timeout, a dead kernel), so the runner still finds the
failing cell in the written notebook. When execution stops without an error output in the
cell (a cell timeout, a kernel that died), the cell that was running is marked as failed.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "kuanalys"


class _SaveAtEndManager(NotebookExecutionManager):
    """Tracks cells as papermill does, but writes the notebook only at start and end."""

    _writing = True  # the first save (notebook_start) writes; cell saves are skipped
    _last_started: int | None = None

    def cell_start(self, cell, cell_index=None, **kwargs):
        self._last_started = cell_index
        super().cell_start(cell, cell_index, **kwargs)

    def mark_stopped_cell(self) -> None:
        """Mark the cell that was running when execution stopped as failed."""
        if self._last_started is None:
            return
        meta = self.nb.cells[self._last_started].metadata.papermill
        meta["exception"] = True
        meta["status"] = self.FAILED

    def save(self, **kwargs):
        if self._writing:
            super().save(**kwargs)
            self._writing = False

    def notebook_complete(self, **kwargs):
        self._writing = True
        super().notebook_complete(**kwargs)


class SaveAtEndEngine(NBClientEngine):
    """papermill's nbclient engine with `_SaveAtEndManager` (see the module docstring)."""

    @classmethod
    def execute_notebook(
        cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False, autosave_cell_every=30, **kwargs
    ):
        nb_man = _SaveAtEndManager(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        except Exception:
            nb_man.mark_stopped_cell()
            raise
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


def register() -> str:
    """Register the engine with papermill (idempotent); return its name."""
    papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)
    return ENGINE_NAME
