"""Batches that never hang: dead workers, killed parents, interrupts, CPU limits (reliability 1, 9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dpa_gen import batch, workers
from dpa_gen.cli import app
from tests.conftest import FIXTURES

LIBRARY = str(FIXTURES / "library")
CUSTOMER = FIXTURES / "customer.yaml"
runner = CliRunner()


def customers(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (folder / f"c{number:02}.yaml").write_bytes(CUSTOMER.read_bytes())
    return folder


@pytest.mark.slow  # a batch of 20 files in worker processes
def test_a_killed_worker_fails_its_file_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """20 files; the worker building c07 is killed (as the OOM killer would).

    The batch ends in seconds with exit 1, names c07, and writes every other contract.
    """
    real_build_one = batch.build_one

    def killed_on_c07(customer: Path, request: batch.BuildRequest) -> batch.Outcome:
        if customer.name == "c07.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_build_one(customer, request)

    monkeypatch.setattr(batch, "build_one", killed_on_c07)
    folder = customers(tmp_path / "in", 20)
    out = tmp_path / "out"
    start = time.monotonic()
    result = runner.invoke(app, ["build", str(folder), "--clauses", LIBRARY, "-o", str(out), "-f", "docx", "-j", "2"])
    assert time.monotonic() - start < 60
    assert result.exit_code == 1, result.output
    died = f"{folder / 'c07.yaml'}: error: the worker building {folder / 'c07.yaml'} died (killed by signal 9"
    assert died in result.stderr
    assert "out of memory?" in result.stderr
    assert "20 customer files: 19 built, 0 unchanged, 1 failed" in result.stderr
    written = sorted(p.name for p in out.glob("*.docx"))
    assert written == [f"c{n:02}.nl-en.docx" for n in range(1, 21) if n != 7]
    assert len(result.stdout.split()) == 19


def test_a_worker_that_exits_is_reported_with_its_status() -> None:
    assert workers.death_reason(-9) == "killed by signal 9 (SIGKILL); out of memory?"
    assert workers.death_reason(-15) == "killed by signal 15 (SIGTERM)"
    assert workers.death_reason(3) == "exited with status 3"


def test_a_killed_check_worker_fails_its_file_and_check_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dpa_gen.check.customers import CustomerChecker, check_files
    from dpa_gen.library import load_library

    real = CustomerChecker.check_file

    def killed_on_c05(self: CustomerChecker, path: Path) -> object:
        if path.name == "c05.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, path)

    monkeypatch.setattr(CustomerChecker, "check_file", killed_on_c05)
    paths = sorted(customers(tmp_path, 30).glob("*.yaml"))
    checker = CustomerChecker(load_library(Path(LIBRARY)), None, None)
    start = time.monotonic()
    reports = check_files(checker, paths, jobs=2)
    assert time.monotonic() - start < 60
    assert [r.path for r in reports] == [str(p) for p in paths]
    (dead,) = [r for r in reports if r.findings and r.findings[0].code == "C190"]
    assert dead.path.endswith("c05.yaml")
    assert "the worker checking" in dead.findings[0].message and "killed by signal 9" in dead.findings[0].message


def test_the_default_jobs_follow_the_cpus_the_process_may_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    cgroup = tmp_path / "cgroup"
    (cgroup / "ci" / "job").mkdir(parents=True)
    proc = tmp_path / "proc-cgroup"
    proc.write_text("0::/ci/job\n")
    assert workers.usable_cpus(cgroup, proc) == 4  # no cpu.max: no quota
    (cgroup / "ci" / "cpu.max").write_text("150000 100000\n")  # a parent's quota applies too
    (cgroup / "ci" / "job" / "cpu.max").write_text("max 100000\n")
    assert workers.usable_cpus(cgroup, proc) == 2
    (cgroup / "ci" / "job" / "cpu.max").write_text("50000 100000\n")
    assert workers.usable_cpus(cgroup, proc) == 1
    v1 = tmp_path / "v1"
    (v1 / "cpu,cpuacct" / "docker" / "x").mkdir(parents=True)
    (v1 / "cpu,cpuacct" / "docker" / "x" / "cpu.cfs_quota_us").write_text("300000\n")
    (v1 / "cpu,cpuacct" / "docker" / "x" / "cpu.cfs_period_us").write_text("100000\n")
    proc.write_text("4:cpu,cpuacct:/docker/x\n3:memory:/docker/x\n")
    assert workers.usable_cpus(v1, proc) == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert workers.usable_cpus(v1, proc) == 1


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="Linux only")
def test_under_taskset_one_cpu_means_one_worker() -> None:
    probe = "import os; os.sched_setaffinity(0, {0}); from dpa_gen.workers import usable_cpus; print(usable_cpus())"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"


def test_ctrl_c_says_exactly_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_build_one = batch.build_one

    def interrupted_at_c04(customer: Path, request: batch.BuildRequest) -> batch.Outcome:
        if customer.name == "c04.yaml":
            raise KeyboardInterrupt
        return real_build_one(customer, request)

    monkeypatch.setattr(batch, "build_one", interrupted_at_c04)
    folder = customers(tmp_path / "in", 6)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--clauses", LIBRARY, "-o", str(out), "-f", "docx", "-j", "1"])
    assert result.exit_code == 130
    assert result.stderr.endswith(
        "dpa-gen: interrupted: 3 contracts were written (listed above); the others were not changed\n"
    )
    assert len(result.stdout.split()) == 3 == len(list(out.glob("*.docx")))


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow  # starts a batch per signal and waits for its workers to die
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and PR_SET_PDEATHSIG")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_stopping_the_parent_stops_its_workers(tmp_path: Path, stop: signal.Signals) -> None:
    """The workers stop with the parent, without a traceback.

    What the parent says was written is exactly what is on disk, and nothing is written after
    it stopped.
    """
    folder = customers(tmp_path / "in", 40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dpa_gen", "build", str(folder), "--clauses", LIBRARY, "-o", str(out)]
    process = subprocess.Popen(
        [*command, "-f", "pdf", "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # the batch is under way
    assert first.endswith(".pdf\n")
    children = _children(process.pid)
    assert children, "the batch runs in worker processes"
    process.send_signal(stop)
    stdout, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + 15
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(c) for c in children), "workers outlived their parent"
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
    settled = sorted(p.name for p in out.glob("*.pdf"))
    time.sleep(1.0)
    assert sorted(p.name for p in out.glob("*.pdf")) == settled, "written after the parent stopped"
    assert len(settled) < 40
    if stop != signal.SIGKILL:
        assert process.returncode == 130
        printed = sorted(Path(line).name for line in (first + stdout).split())
        assert printed == settled
        contracts = len(printed)
        assert stderr.rstrip("\n").endswith(
            f"dpa-gen: interrupted: {contracts} contract{'s' if contracts != 1 else ''}"
            f" {'was' if contracts == 1 else 'were'} written (listed above); the others were not changed"
        )
        assert not list(out.glob(".dpa-gen-*")), "temporary files left behind"
