"""What the command line tells a person while it works: one-line reports, and progress on long runs.

Reports ("newsbrief: x.txt: skipped: empty file") always go to stderr, one line each, so scripts and CI
logs can read them. Progress (Rich bars and spinners) goes to stderr too, and only when stderr is a
terminal and --quiet was not given: stdout stays the data (JSON, Markdown), and a log never fills with
redrawn bars. The bars are transient: when a command ends, its reports are what is left on the screen.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Counter = Callable[[int, int], None]


class Console:
    def __init__(self, *, quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = not quiet and _is_terminal(self.stream)
        self._progress = None        # a rich.progress.Progress while a session runs

    # ---------------------------------------------------------------- reports

    def report(self, line: str) -> None:
        """One line on stderr; above the bars while they are drawn, so neither garbles the other."""
        text = f"newsbrief: {line}"
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.stream, flush=True)

    # ---------------------------------------------------------------- progress

    @contextmanager
    def session(self) -> Iterator[Console]:
        """Bars drawn while the block runs (when live); every stage below shows in it."""
        if not self.live or self._progress is not None:
            yield self
            return
        from rich.console import Console as RichConsole
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), _counted(BarColumn()),
            _counted(MofNCompleteColumn()), TimeElapsedColumn(), _counted(TextColumn("left")),
            _counted(TimeRemainingColumn()),
            console=RichConsole(file=self.stream, stderr=self.stream is sys.stderr), transient=True)
        try:
            with self._progress:
                yield self
        finally:
            self._progress = None

    def counter(self, description: str, total: int | None = None) -> Counter | None:
        """A bar for a stage of counted items: call it with (done, total). None when nothing is drawn, so
        callers that take an optional callback skip the work of calling it."""
        if self._progress is None:
            return None
        progress = self._progress
        task = progress.add_task(description, total=total)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)
            if done >= total:
                progress.update(task, visible=False)
        return update

    @contextmanager
    def status(self, description: str) -> Iterator[Callable[[str], None]]:
        """A spinner for a stage that cannot be counted; yields a function that changes its words."""
        if self._progress is None:
            yield lambda text: None
            return
        progress = self._progress
        task = progress.add_task(description, total=None)
        try:
            yield lambda text: progress.update(task, description=text)
        finally:
            progress.remove_task(task)


def _counted(column):
    """The column for a stage of counted items only: a spinner's stage shows its words and the time."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Counted(ProgressColumn):
        def render(self, task):
            return column.render(task) if task.total is not None else Text("")
    return Counted()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
