"""A sample's own files: its sample.toml and its pinned requirements.txt, read and checked.

Finding the samples under a task folder and saying what is wrong with one happens here, before
anything is installed or started; run.py and bench.py both use it. Standard library only.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import checks

REQUIRED_KEYS = ("framework", "server", "command", "gives", "source")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9._,-]+\])?==([A-Za-z0-9.+!_-]+)$")


@dataclass
class Sample:
    task: str
    slug: str
    path: Path
    config: dict = field(default_factory=dict)
    requirements: list[str] = field(default_factory=list)
    error: str = ""  # set when the sample's own files are not usable

    @property
    def pins(self) -> dict[str, str]:
        found = {}
        for line in self.requirements:
            match = PIN.match(line)
            if match:
                found[normalize(match.group(1))] = match.group(3)
        return found

    def version_of(self, package: str) -> str:
        return self.pins.get(normalize(package), "")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def load_sample(task: str, folder: Path) -> Sample:
    sample = Sample(task=task, slug=folder.name, path=folder)
    problems = []
    try:
        sample.config = tomllib.loads((folder / "sample.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        problems.append(f"sample.toml unreadable: {error}")
    missing = [key for key in REQUIRED_KEYS if key not in sample.config]
    if sample.config and missing:
        problems.append(f"sample.toml lacks {', '.join(missing)}")
    command = sample.config.get("command")
    if command is not None and not (isinstance(command, list) and command and all(isinstance(a, str) for a in command)):
        problems.append("sample.toml command must be a non-empty list of strings")
    source = sample.config.get("source", "")
    if source and not str(source).startswith("https://"):
        problems.append("sample.toml source must be an https URL")
    requirements = folder / "requirements.txt"
    if requirements.exists():
        sample.requirements = read_requirements(requirements)
        loose = [line for line in sample.requirements if not PIN.match(line)]
        if loose:
            problems.append(f"requirements.txt lines not pinned with ==: {', '.join(loose)}")
    else:
        problems.append("requirements.txt missing")
    sample.error = "; ".join(problems)
    return sample


def discover(root: Path, only: set[str] | None = None, task: str | None = None) -> list[Sample]:
    samples = []
    for name in checks.TASKS:
        if task and name != task:
            continue
        task_dir = root / name
        if not task_dir.is_dir():
            continue
        for folder in sorted(task_dir.iterdir()):
            if not (folder / "sample.toml").is_file():
                continue
            if only and folder.name not in only:
                continue
            samples.append(load_sample(name, folder))
    return samples
