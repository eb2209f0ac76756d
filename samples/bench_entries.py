"""What bench.py times: each sample with the baseline it is compared with, and the two baselines,
each in its venv (built by the runner) or with the reason it cannot be timed."""

import collections
from dataclasses import dataclass, field
from pathlib import Path

import bench_stats
import run as runner


@dataclass
class Entry:
    """One sample to time: a framework's, or a baseline."""

    sample: runner.Sample
    baseline_of: str = ""  # "asgi"/"wsgi" for the baselines themselves
    basis: bench_stats.Basis | None = None
    venv: Path | None = None
    speedups: list[str] = field(default_factory=list)
    refused: str = ""  # why it is not timed (install failure, failed check, ...)
    rounds: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"baseline-{self.baseline_of}" if self.baseline_of else self.sample.slug


def speedups_in(venv: Path) -> list[str]:
    """Optional C/Rust accelerators an ASGI server picks up by itself when they are installed."""
    found = set()
    for site in venv.glob("lib/python*/site-packages"):
        found |= {name for name in ("httptools", "uvloop") if (site / name).is_dir()}
    return sorted(found)


def entries_for(root: Path, baselines: Path, only: set[str] | None, task: str) -> list[Entry]:
    entries = []
    for kind in bench_stats.KINDS:
        sample = runner.load_sample(task, baselines / kind)
        entries.append(Entry(sample, baseline_of=kind, refused=sample.error))
    for sample in runner.discover(root, only, task):
        config = sample.config
        basis = bench_stats.which_baseline(
            config.get("server_package", str(config.get("server", ""))), config.get("server", "")
        )
        entries.append(Entry(sample, basis=basis, refused=sample.error))
    return entries


def prepare(entries: list[Entry], python: str, interpreter: dict, cache: Path) -> None:
    for entry in entries:
        if entry.refused:
            continue
        try:
            entry.venv = runner.ensure_venv(entry.sample, python, interpreter, cache)
        except (RuntimeError, OSError) as error:
            entry.refused = str(error)
        else:
            entry.speedups = speedups_in(entry.venv)


def pin_warnings(entries: list[Entry]) -> list[str]:
    """The baselines must run the server versions the samples pin; say so when they do not."""
    warnings = []
    for base in (e for e in entries if e.baseline_of):
        package = bench_stats.BASELINE_SERVER[base.baseline_of]
        mine = base.sample.version_of(package)
        theirs = collections.Counter(
            e.sample.version_of(package) for e in entries if not e.baseline_of and e.sample.version_of(package)
        )
        others = sorted(set(theirs) - {mine})
        if others:
            warnings.append(f"the {base.baseline_of} baseline pins {package}=={mine}, samples pin {', '.join(others)}")
    return warnings
