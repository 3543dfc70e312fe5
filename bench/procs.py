"""Whole-process measurements through ``bench/spawner.py``: wall time, peak RSS, exit status, output.

Every benchmarked process is started by one long-lived spawner process that imports only
built-in modules, so its small footprint, not the benchmark driver's, is what the kernel
carries into each child's peak RSS across ``exec`` (see spawner.py for the why).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPAWNER = Path(__file__).resolve().parent / "spawner.py"


@dataclass
class Sample:
    """One timed run."""

    seconds: float
    maxrss_kib: int
    returncode: int
    stdout: str = ""
    stderr: str = ""
    workers: dict[int, dict[str, int]] = field(default_factory=dict)  # pid -> {"hwm_kib", "pss_kib"}
    parent_hwm_kib: int = 0
    cpu_s: float = 0.0  # user + system time of the process and the children it reaped


def _tail(path: Path) -> str:
    try:
        data = path.read_bytes()[-4000:]
    except OSError:
        return ""
    finally:
        path.unlink(missing_ok=True)
    return data.decode("utf-8", "replace")


class Spawner:
    """Client of spawner.py; ``scratch`` holds the files that catch each run's stdout and stderr."""

    def __init__(self, scratch: Path, cwd: Path) -> None:
        self.scratch = scratch
        scratch.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(SPAWNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd
        )

    def _call(self, request: tuple[Any, ...]) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        payload = marshal.dumps(request)
        self.proc.stdin.write(len(payload).to_bytes(4, "big") + payload)
        self.proc.stdin.flush()
        header = self.proc.stdout.read(4)
        if len(header) < 4:
            raise RuntimeError("bench/spawner.py died")
        return marshal.loads(self.proc.stdout.read(int.from_bytes(header, "big")))

    def _files(self) -> tuple[Path, Path]:
        self.count += 1
        return self.scratch / f"{self.count}.out", self.scratch / f"{self.count}.err"

    def run(self, argv: list[str], *, watch: bool = False) -> Sample:
        """Run ``argv`` to completion; with ``watch``, also the peak memory of each of its children."""
        out, err = self._files()
        reply = self._call(("run", [str(a) for a in argv], str(out), str(err), watch))
        return Sample(
            reply["seconds"],
            reply["maxrss"],
            reply["status"],
            _tail(out),
            _tail(err),
            reply["workers"],
            reply["parent_hwm"],
            reply["cpu"],
        )

    def pool(self, argvs: list[list[str]], parallel: int) -> tuple[float, list[Sample]]:
        """Run all ``argvs``, ``parallel`` at a time; the wall time of the whole and each run's sample."""
        files = [self._files() for _ in argvs]
        reply = self._call(
            ("pool", [[str(a) for a in argv] for argv in argvs], [(str(o), str(e)) for o, e in files], parallel)
        )
        samples = [
            Sample(item["seconds"], item["maxrss"], item["status"], _tail(o), _tail(e), cpu_s=item["cpu"])
            for item, (o, e) in zip(reply["items"], files, strict=True)
        ]
        return reply["seconds"], samples

    def close(self) -> None:
        """Tell the spawner to exit and wait for it."""
        assert self.proc.stdin is not None
        payload = marshal.dumps(("exit",))
        try:
            self.proc.stdin.write(len(payload).to_bytes(4, "big") + payload)
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=30)


def read_kib(path: Path, key: str) -> int:
    """A ``Key:   123 kB`` field of a /proc file, in KiB (0 when absent)."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU jiffies of the whole machine since boot, from ``/proc/stat``."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return total - idle, total


class OtherLoad:
    """Share of the machine's CPU time that *other* processes used while a measurement ran.

    ``/proc/stat`` gives the whole machine's busy time; subtracting the CPU time of what we ran
    leaves everybody else's: a noise indicator, most useful for single-shot runs (batches).
    Jiffy accounting is coarser than rusage, so values within about ±1 % mean "none".
    """

    def __init__(self) -> None:
        self.busy, self.total = busy_jiffies()

    def share(self, our_cpu_s: float) -> float:
        """The share of the machine's CPU since ``__init__`` used by others than our ``our_cpu_s`` seconds."""
        busy, total = busy_jiffies()
        ticks = os.sysconf("SC_CLK_TCK")
        capacity = (total - self.total) / ticks
        return ((busy - self.busy) / ticks - our_cpu_s) / capacity if capacity > 0 else 0.0
