"""CPU and memory of a server's process tree, and of the whole machine, read from /proc.

bench.py watches the server it times with these: CPU seconds (utime+stime from /proc/<pid>/stat),
peak RSS (VmHWM from /proc/<pid>/status), and the CPU that other processes used meanwhile.
"""

import collections
import contextlib
import os
import resource
import threading
import time
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
POLL = 0.5  # seconds between looks at the process tree's memory while under load


def parse_proc_stat(text: str) -> dict:
    """pid, ppid, session and CPU ticks (own utime+stime, plus cutime+cstime of reaped children)
    from one /proc/<pid>/stat line; the command name may hold spaces and parentheses."""
    head, _, rest = text.rpartition(")")
    fields = rest.split()
    pid = int(head.split("(", 1)[0])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return {"pid": pid, "ppid": int(fields[1]), "sid": int(fields[3]), "ticks": utime + stime + cutime + cstime}


def parse_vm_hwm_kib(text: str) -> int:
    """VmHWM (peak resident set) in KiB from /proc/<pid>/status; 0 for a zombie, which has none."""
    for line in text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def process_tree(root: int) -> dict[int, dict]:
    """The root process, its descendants, and anything else in its session (the runner starts every
    server in a session of its own)."""
    stats = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stats[int(entry.name)] = parse_proc_stat(Path(entry.path, "stat").read_text())
    children = collections.defaultdict(list)
    for stat in stats.values():
        children[stat["ppid"]].append(stat["pid"])
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats and pid not in found:
            found[pid] = stats[pid]
            todo += children[pid]
    for pid, stat in stats.items():
        if stat["sid"] == root:
            found.setdefault(pid, stat)
    return found


def tree_cpu_seconds(tree: dict[int, dict]) -> float:
    return sum(stat["ticks"] for stat in tree.values()) / CLK_TCK


def parse_cpu_line(text: str) -> dict:
    """Seconds the whole machine spent running processes (user+nice+system) and stolen by the
    hypervisor, from the first line of /proc/stat; interrupt time (loopback traffic) is left out."""
    fields = [int(value) for value in text.splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, _irq, _softirq, steal = (fields + [0] * 8)[:8]
    return {"busy": (user + nice + system) / CLK_TCK, "steal": steal / CLK_TCK}


def machine_cpu() -> dict:
    return parse_cpu_line(Path("/proc/stat").read_text())


def own_cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped children: wrk): user+system seconds so far."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def machine_busy(seconds: float = 1.0) -> float:
    """Cores' worth of process CPU the machine uses over a short look (nothing of ours is running)."""
    before = machine_cpu()["busy"]
    time.sleep(seconds)
    return (machine_cpu()["busy"] - before) / seconds


class MemoryWatch:
    """Peak RSS of a process tree: each process's VmHWM (its lifetime peak), looked at every POLL
    seconds so that processes which come and go are counted too, summed over the processes."""

    def __init__(self, root: int):
        self.root = root
        self.peaks: dict[int, int] = {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def look(self) -> None:
        for pid in process_tree(self.root):
            with contextlib.suppress(OSError, ValueError):
                kib = parse_vm_hwm_kib(Path(f"/proc/{pid}/status").read_text())
                self.peaks[pid] = max(self.peaks.get(pid, 0), kib)

    def _watch(self) -> None:
        while not self.stopping.wait(POLL):
            self.look()

    def __enter__(self):
        self.look()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        self.look()

    @property
    def mib(self) -> float:
        return sum(self.peaks.values()) / 1024
