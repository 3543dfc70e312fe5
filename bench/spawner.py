"""Starts and times the benchmarked processes on behalf of ``bench/run.py`` (run with ``python -I -S``).

Why a separate, tiny process: Linux carries a process's peak RSS across ``exec`` (the kernel
records the old address space's high-water mark in the new program's ``ru_maxrss``). A child
spawned straight from the benchmark driver, which has imported dpa-gen, pydantic and YAML
(~50 MiB), would report at least that much, so ``python -c pass`` would "use" 50 MiB. This
spawner imports only built-in modules (≈8 MiB, below ``python -c pass`` itself), so the
``ru_maxrss`` that ``os.wait4`` returns is the command's own peak.

Protocol on stdin/stdout: 4-byte big-endian length + ``marshal`` payload, both ways.

* ``("run", argv, out, err, watch)`` → ``{"seconds", "maxrss", "status", "cpu", "workers", "parent_hwm"}``:
  wall time is ``time.perf_counter`` around ``posix_spawn`` … ``wait4``. With ``watch``, a
  thread polls the process's and its children's ``VmHWM`` (the kernel's own peak, so a late
  poll cannot miss it) and ``Pss`` every 0.2 s, for the per-worker peak of ``--jobs 2``.
* ``("pool", [argv, ...], [(out, err), ...], parallel)`` → ``{"seconds", "items": [...]}``:
  run the commands ``parallel`` at a time (what ``xargs -P`` does), each with its own
  ``wait4`` figures. ``cpu``: user + system seconds of the command and the children it reaped.
* ``("exit",)``.
"""

import _thread
import marshal
import os
import sys
import time

OUT_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def _spawn(argv, out, err):
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out, OUT_FLAGS, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err, OUT_FLAGS, 0o644),
    ]
    return os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)


def _kib(path, key):
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid):
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            pass
    return found


def _poll(pid, state, stop, done):
    while not stop:
        state["parent_hwm"] = max(state["parent_hwm"], _kib(f"/proc/{pid}/status", "VmHWM:"))
        for child in _children(pid):
            seen = state["workers"].setdefault(child, [0, 0])
            seen[0] = max(seen[0], _kib(f"/proc/{child}/status", "VmHWM:"))
            seen[1] = max(seen[1], _kib(f"/proc/{child}/smaps_rollup", "Pss:"))
        time.sleep(0.2)
    done.release()


def run(argv, out, err, watch):
    """Run one command to completion: its time, peak memory, exit status, CPU, and (``watch``) its children's peaks."""
    state = {"workers": {}, "parent_hwm": 0}
    stop = []
    done = _thread.allocate_lock()
    start = time.perf_counter()
    pid = _spawn(argv, out, err)
    if watch:
        done.acquire()
        _thread.start_new_thread(_poll, (pid, state, stop, done))
    _pid, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if watch:
        stop.append(True)
        done.acquire()
    workers = {p: {"hwm_kib": v[0], "pss_kib": v[1]} for p, v in state["workers"].items() if v[0]}
    return {
        "seconds": seconds,
        "maxrss": usage.ru_maxrss,
        "status": os.waitstatus_to_exitcode(status),
        "cpu": usage.ru_utime + usage.ru_stime,
        "workers": workers,
        "parent_hwm": state["parent_hwm"],
    }


def pool(argvs, files, parallel):
    """Run the commands ``parallel`` at a time: the wall time of the whole and each command's figures."""
    items = [None] * len(argvs)
    running = {}
    queue = list(range(len(argvs)))
    queue.reverse()
    start = time.perf_counter()
    while queue or running:
        while queue and len(running) < parallel:
            index = queue.pop()
            running[_spawn(argvs[index], *files[index])] = (index, time.perf_counter())
        pid, status, usage = os.wait4(-1, 0)
        index, began = running.pop(pid)
        items[index] = {
            "seconds": time.perf_counter() - began,
            "maxrss": usage.ru_maxrss,
            "status": os.waitstatus_to_exitcode(status),
            "cpu": usage.ru_utime + usage.ru_stime,
        }
    return {"seconds": time.perf_counter() - start, "items": items}


def main():
    """Answer ``run`` and ``pool`` requests from stdin until ``exit`` or the end of input."""
    read, write = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = read.read(4)
        if len(header) < 4:
            return
        request = marshal.loads(read.read(int.from_bytes(header, "big")))
        if request[0] == "exit":
            return
        reply = run(*request[1:]) if request[0] == "run" else pool(*request[1:])
        payload = marshal.dumps(reply)
        write.write(len(payload).to_bytes(4, "big") + payload)
        write.flush()


main()
