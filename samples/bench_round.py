"""One timed round of one sample: started and checked by the runner (run.py), then loaded with wrk
while its process tree is watched, then checked once more."""

import subprocess
import time
from pathlib import Path

import bench_stats
import run as runner
from proc_usage import MemoryWatch, machine_cpu, own_cpu_seconds, process_tree, tree_cpu_seconds
from wrk_load import Load, run_wrk


def measure_running(sample: runner.Sample, proc: subprocess.Popen, port: int, load: Load) -> dict:
    """Warm-up, then the timed load with the process tree watched, then the check once more."""
    if load.warmup > 0:
        run_wrk(load, port, sample.task, load.warmup)
    before = tree_cpu_seconds(process_tree(proc.pid))
    machine_before, (me_before, wrk_before) = machine_cpu(), own_cpu_seconds()
    started = time.monotonic()
    with MemoryWatch(proc.pid) as memory:
        figures = run_wrk(load, port, sample.task, load.seconds)
        tree = process_tree(proc.pid)  # read before the watch's last look, while wrk's load just ended
        machine_after, (me_after, wrk_after) = machine_cpu(), own_cpu_seconds()
    wall = time.monotonic() - started
    cpu = tree_cpu_seconds(tree) - before
    wrk_cpu, me_cpu = wrk_after - wrk_before, me_after - me_before
    other = machine_after["busy"] - machine_before["busy"] - cpu - wrk_cpu - me_cpu
    figures.update(
        wrk_cpu_seconds=round(wrk_cpu, 3),
        other_cpu_seconds=round(max(other, 0.0), 3),  # whatever else ran on the machine meanwhile
        steal_seconds=round(machine_after["steal"] - machine_before["steal"], 3),
        disturbed=bench_stats.disturbed(other, wall, load.max_other),
        cpu_seconds=round(cpu, 3),
        cpu_cores=round(cpu / wall, 3) if wall > 0 else None,
        cpu_us_per_request=round(cpu * 1e6 / figures["requests"], 1) if figures["requests"] else None,
        rss_mb=round(memory.mib, 1),
        processes=len(memory.peaks),
    )
    if proc.poll() is not None:
        raise RuntimeError(f"the server exited with code {proc.returncode} under load")
    ok, detail = runner.run_http_task(sample, port)  # the answers are still right after the load
    if not ok:
        raise RuntimeError(f"after the load the answers went wrong: {detail}")
    return figures


def time_sample(sample: runner.Sample, venv: Path, load: Load) -> tuple[bool, str, dict | None]:
    """Start the sample the way run.py does, check it, and time it only when the check passed.

    (checked, detail, figures): checked is False when the runner's check failed (the sample is then
    refused, and wrk never ran); figures is None when the timing itself went wrong (detail says why).
    run.py's run_sample starts the server, calls check_running_server and stops the server; the
    timing runs inside that call, after the check, while the server is still up.
    """
    outcome: dict = {}
    check = runner.check_running_server

    def check_then_time(sample, proc, port, log):
        ok, detail, startup = check(sample, proc, port, log)
        if ok:
            try:
                outcome["figures"] = measure_running(sample, proc, port, load)
            except (RuntimeError, OSError, subprocess.TimeoutExpired, bench_stats.WrkOutputError) as error:
                outcome["error"] = f"{error}; server output: {runner.read_log(log)}"
        return ok, detail, startup

    runner.check_running_server = check_then_time
    try:
        ok, detail, startup, seconds = runner.run_sample(sample, venv)
    finally:
        runner.check_running_server = check
    if not ok:
        return False, detail, None
    figures = outcome.get("figures")
    if figures is not None:
        figures["startup_seconds"] = None if startup is None else round(startup, 2)
    return True, outcome.get("error", detail), figures
