"""A progress bar on standard error for the commands that run for minutes.

Shown only when standard error is a terminal (a pipe or a log file gets the
command's usual summary line and nothing else), and removed when the command
ends. Long-running code reports through a plain callable, so it needs no rich
import and stays usable from tests and scripts.

Example::

    with progress("simulated days", total=14) as advance_to:
        for day in range(14):
            ...
            advance_to(day + 1)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

Report = Callable[[float], None]  # called with how far the work has come, in the bar's units


@contextmanager
def progress(description: str, total: float) -> Iterator[Report]:
    """A bar from 0 to ``total``; the callable sets how far it is (never backwards)."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:.1f}/{task.total:.0f}"),
                   TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=min(done, total))
