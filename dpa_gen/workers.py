"""Forked worker processes that never hang a batch: one task at a time per worker, over pipes.

Why not ``multiprocessing.Pool``: when one of its workers dies (the OOM killer, ``kill -9``)
the task it held is never answered and ``imap`` waits forever. Here the parent waits on each
worker's pipe *and* its process sentinel (``multiprocessing.connection.wait``), so a death is
seen at once: the task fails with the reason ("killed by signal 9; out of memory?") and a new
worker takes the dead one's place.

Workers are forked, so they share what the parent loaded (the library, compiled templates,
WeasyPrint) copy-on-write; a worker is replaced after ``per_worker`` tasks. They die with
their parent (Linux ``PR_SET_PDEATHSIG``), and on SIGTERM, SIGHUP or Ctrl-C they stop their
task (a half-written output is rolled back by ``output.write_files``) unless its outputs are
already in place, in which case they report it first: the parent can then say exactly what
was written.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 5.0  # how long stopped workers may take to roll back before they are killed
_PR_SET_PDEATHSIG = 1


def usable_cpus(cgroup_root: Path = Path("/sys/fs/cgroup"), proc_cgroup: Path = Path("/proc/self/cgroup")) -> int:
    """The CPUs this process may use: its affinity mask, capped by a cgroup CPU quota.

    Why: ``os.cpu_count()`` counts the machine; under ``taskset -c 0`` or a container limited
    to 2 CPUs, starting one worker per machine CPU only makes them compete.
    """
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        count = os.cpu_count() or 1
    quota = _cgroup_quota(cgroup_root, proc_cgroup)
    if quota is not None:
        count = min(count, max(1, math.ceil(quota)))
    return max(1, count)


def _cgroup_quota(root: Path, proc_cgroup: Path) -> float | None:
    """CPUs allowed by cgroup v2 ``cpu.max`` or v1 ``cpu.cfs_quota_us``; None when unlimited."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    quotas: list[float] = []
    for line in lines:
        _, controllers, path = [*line.split(":", 2), "", ""][:3]
        relative = path.lstrip("/")
        if controllers == "":  # v2: the unified hierarchy; every ancestor's limit applies
            folder = root / relative
            while True:
                quotas += _v2_quota(folder / "cpu.max")
                if folder == root or root not in folder.parents:
                    break
                folder = folder.parent
        elif "cpu" in controllers.split(","):
            for base in (root / controllers, root / "cpu", root / "cpu,cpuacct"):
                quotas += _v1_quota(base / relative)
                if quotas:
                    break
    return min(quotas) if quotas else None


def _v2_quota(path: Path) -> list[float]:
    try:
        quota, period = path.read_text(encoding="utf-8").split()[:2]
        return [] if quota == "max" else [int(quota) / int(period)]
    except (OSError, ValueError):
        return []


def _v1_quota(folder: Path) -> list[float]:
    try:
        quota = int((folder / "cpu.cfs_quota_us").read_text(encoding="utf-8"))
        period = int((folder / "cpu.cfs_period_us").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [quota / period] if quota > 0 and period > 0 else []


def death_reason(exitcode: int | None) -> str:
    """How a worker ended, in words: ``killed by signal 9; out of memory?``."""
    if exitcode is None:
        return "stopped answering"
    if exitcode < 0:
        number = -exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "an unknown signal"
        hint = "; out of memory?" if number == signal.SIGKILL else ""
        return f"killed by signal {number} ({name}){hint}"
    return f"exited with status {exitcode}"


@dataclass
class _Worker:
    process: Any
    conn: Connection
    done: int = 0
    task: tuple[int, Any] | None = None


@dataclass
class Pool(Generic[T, R]):
    """Run ``work`` on each task in forked workers; yield ``(index, result)`` as they finish.

    ``died(task, reason)`` makes the result of a task whose worker died.
    """

    size: int
    work: Callable[[T], R]
    died: Callable[[T, str], R]
    per_worker: int = 1_000_000
    _workers: list[_Worker] = field(default_factory=list)

    def run(self, tasks: Iterable[T]) -> Iterator[tuple[int, R]]:
        """Yield ``(index, result)`` for every task; call :meth:`close` (or :meth:`interrupt`) after.

        A stop signal raises ``KeyboardInterrupt`` only between results, never while one that a
        worker sent is being received or reported: what the caller reported is all that was done.
        """
        pending = list(enumerate(tasks))
        pending.reverse()  # pop() from the end takes them in order
        context = multiprocessing.get_context("fork")
        with Stop(interrupt_work=False) as stop:
            while pending or any(w.task is not None for w in self._workers):
                stop.check()
                while pending and len(self._workers) < self.size:
                    self._workers.append(self._start(context))
                for worker in self._workers:
                    if worker.task is None and pending:
                        worker.task = pending.pop()
                        self._send(worker, worker.task)
                yield from self._collect()
            stop.check()

    def _collect(self) -> Iterator[tuple[int, R]]:
        busy = [w for w in self._workers if w.task is not None]
        # The timeout lets a stop signal (which only sets a flag here) be seen within a moment.
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.2))
        for worker in busy:
            message = self._receive(worker) if worker.conn in ready else None
            if message is not None:
                index, result = message
                worker.task = None
                worker.done += 1
                if worker.done >= self.per_worker:
                    self._retire(worker)
                yield index, result
            elif worker.process.sentinel in ready:
                assert worker.task is not None
                index, task = worker.task
                worker.process.join()
                reason = death_reason(worker.process.exitcode)
                self._retire(worker)
                yield index, self.died(task, reason)

    def _receive(self, worker: _Worker) -> tuple[int, R] | None:
        try:
            return worker.conn.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            return None  # the worker is gone; its sentinel says how

    def _send(self, worker: _Worker, task: tuple[int, Any]) -> None:
        with contextlib.suppress(OSError):  # a dead worker is noticed by its sentinel
            worker.conn.send(task)

    def _start(self, context: Any) -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, parent_end, self.work, os.getpid()), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.conn.close()
        worker.process.join(timeout=GRACE_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._workers.remove(worker)

    def close(self) -> None:
        """Let every worker go (normal end); kill any that does not leave in time."""
        for worker in list(self._workers):
            self._retire(worker)

    def interrupt(self) -> Iterator[tuple[int, R]]:
        """Stop every worker (SIGTERM; SIGKILL after a grace period); yield what they sent before.

        Those tasks' outputs are in place; the other tasks changed nothing.
        """
        for worker in self._workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError):
                    os.kill(worker.process.pid, signal.SIGTERM)
        for worker in self._workers:
            worker.process.join(timeout=GRACE_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        for worker in self._workers:
            with contextlib.suppress(EOFError, OSError):
                while worker.task is not None and worker.conn.poll():
                    yield worker.conn.recv()
            worker.conn.close()
        self._workers.clear()


class Stop:
    """Ctrl-C, SIGTERM and SIGHUP while a batch runs, handled so that nothing goes unreported.

    ``interrupt_work=True`` (a process that builds): the signal interrupts the task at once
    (``KeyboardInterrupt``; ``output.write_files`` rolls back what it had not finished) unless
    the task's outputs are already in place; then it only sets :attr:`requested`, and the task
    is reported before the process stops. ``interrupt_work=False`` (the parent of workers): it
    only sets :attr:`requested`, which the parent checks between results.
    """

    def __init__(self, *, interrupt_work: bool) -> None:
        self.interrupt_work = interrupt_work
        self.requested = False
        self._in_task = False
        self._commits_at_start = 0
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Stop:
        for number in STOP_SIGNALS:
            with contextlib.suppress(ValueError, OSError):  # not the main thread: leave them alone
                self._previous[number] = signal.signal(number, self._on_signal)
        self._hook = sys.unraisablehook
        sys.unraisablehook = _quiet_interrupts
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        sys.unraisablehook = self._hook

    def task_starts(self) -> None:
        """Mark the start of a task: its outputs are not in place yet."""
        from dpa_gen import output

        self._commits_at_start = output.commits
        self._in_task = True

    def task_done(self) -> None:
        """Mark the end of a task: it has been reported."""
        self._in_task = False

    def check(self) -> None:
        """Raise ``KeyboardInterrupt`` if a stop was asked for (at a point where that is safe)."""
        if self.requested:
            raise KeyboardInterrupt

    def _on_signal(self, number: int, frame: object) -> None:
        from dpa_gen import output

        self.requested = True
        committed = self._in_task and output.commits != self._commits_at_start
        if self.interrupt_work and not committed:
            raise KeyboardInterrupt


def _quiet_interrupts(unraisable: Any) -> None:
    """A stop that lands in a finalizer (WeasyPrint's ``__del__``) is not an error to print.

    Python ignores it there, and the stop is already noted (the task ends, then the process).
    """
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


# --- inside a worker ---------------------------------------------------------------------------


def _serve(conn: Connection, parent_end: Connection, work: Callable[[Any], Any], parent: int) -> None:
    """The worker's loop: take a task, do it, send the result back; stop on None or a signal."""
    parent_end.close()
    _die_with_parent(parent)
    try:
        with Stop(interrupt_work=True) as stop:
            while not stop.requested:
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    break
                if message is None:
                    break
                index, task = message
                stop.task_starts()
                result = work(task)
                conn.send((index, result))
                stop.task_done()
    except (KeyboardInterrupt, BrokenPipeError, ConnectionResetError):
        pass  # stopped by the parent, or the parent is gone: nothing to say to anyone
    finally:
        with contextlib.suppress(OSError):
            conn.close()
    sys.stdout.flush()
    os._exit(0)  # no atexit handlers or inherited buffers of the parent's


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send SIGTERM when the parent dies (also by SIGKILL); exit if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(0)
