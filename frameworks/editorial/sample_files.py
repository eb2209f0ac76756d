"""The code samples the site shows, read from `samples/<task>/<framework>/` and the runner's results.

The files are the truth: what a reader sees is the code that `make samples` installed, started and
checked, with the framework and server versions pinned in its requirements and the answer it gave
on the date of the last run. `load_catalog` calls `apply()` after the data files.
"""

import datetime
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ..models import CodeSample, CodingTask, Framework

SAMPLES_DIR = Path(settings.BASE_DIR) / "samples"
RESULTS_FILE = SAMPLES_DIR / "results.json"
SHOWN_BY_DEFAULT = ("*.py", "*.yaml")
NOT_SHOWN = {"__init__.py", "wsgi.py", "asgi.py", "rxconfig.py"}


@dataclass(frozen=True)
class SampleDir:
    task: str
    framework: str
    path: str  # relative to the repository, e.g. samples/create-user/flask
    code: str
    gives: str
    source: str
    version: str  # the framework's pinned version
    server: str
    server_version: str


def _pinned(requirements: str, package: str) -> str:
    wanted = re.sub(r"[-_.]+", "-", package).lower()
    for line in requirements.splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if re.sub(r"[-_.]+", "-", name.split("[")[0]).lower() == wanted:
            return version.strip()
    return ""


def _shown_files(folder: Path, meta: dict) -> list[Path]:
    if meta.get("show"):
        return [folder / name for name in meta["show"]]
    found = sorted(p for pattern in SHOWN_BY_DEFAULT for p in folder.glob(pattern) if p.name not in NOT_SHOWN)
    return found


def read_tree(root: Path = SAMPLES_DIR) -> list[SampleDir]:
    """Every sample folder under `root` that has a sample.toml, in task and framework order."""
    samples = []
    for meta_file in sorted(Path(root).glob("*/*/sample.toml")):
        folder = meta_file.parent
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8"))
        files = _shown_files(folder, meta)
        if len(files) == 1:
            code = files[0].read_text(encoding="utf-8")
        else:
            code = "\n".join(f"# {f.relative_to(folder)}\n{f.read_text(encoding='utf-8').rstrip()}\n" for f in files)
        requirements = (folder / "requirements.txt").read_text(encoding="utf-8")
        samples.append(
            SampleDir(
                task=folder.parent.name,
                framework=folder.name,
                path=f"samples/{folder.parent.name}/{folder.name}",
                code=code.rstrip() + "\n",
                gives=meta["gives"].strip(),
                source=meta["source"],
                version=_pinned(requirements, meta.get("package", folder.name)),
                server=meta.get("server", ""),
                server_version=_pinned(requirements, meta.get("server_package", ""))
                if meta.get("server_package")
                else "",
            )
        )
    return samples


def read_results(path: Path = RESULTS_FILE) -> tuple[datetime.date | None, dict[tuple[str, str], dict]]:
    """The runner's last results, by (framework, task); empty when no run has been recorded."""
    path = Path(path)
    if not path.exists():
        return None, {}
    data = json.loads(path.read_text(encoding="utf-8"))
    checked = datetime.date.fromisoformat(data["checked_on"]) if data.get("checked_on") else None
    return checked, {(r["framework"], r["task"]): r for r in data.get("results", [])}


@transaction.atomic
def apply(root: Path = SAMPLES_DIR, results: Path = RESULTS_FILE) -> int:
    """Upsert one CodeSample per sample folder (unchanged rows are left alone); return how many there are."""
    checked_on, runs = read_results(results)
    frameworks = {f.slug: f for f in Framework.objects.all()}
    tasks = {t.slug: t for t in CodingTask.objects.all()}
    kept: dict[int, set[str]] = {}
    for sample in read_tree(root):
        framework, task = frameworks.get(sample.framework), tasks.get(sample.task)
        if framework is None or task is None:
            continue  # a sample for a framework or task the catalog does not hold (yet)
        run = runs.get((sample.framework, sample.task))
        values = {
            "code": sample.code,
            "gives": sample.gives,
            "source_url": sample.source,
            "version": sample.version,
            "path": sample.path,
            "server": sample.server,
            "server_version": sample.server_version,
            "run_ok": run["ok"] if run else None,
            "run_detail": (run.get("detail") or "")[:2000] if run else "",
            "run_seconds": run.get("seconds") if run else None,
            "run_checked_on": checked_on if run else None,
            "checked_on": checked_on or framework.checked_on,
        }
        row = CodeSample.objects.filter(framework=framework, task=task).first()
        if row is None or any(getattr(row, k) != v for k, v in values.items()):
            row = row or CodeSample(framework=framework, task=task)
            for name, value in values.items():
                setattr(row, name, value)
            row._change_reason = f"load_catalog ({sample.path})"
            row.save()
        kept.setdefault(framework.pk, set()).add(task.slug)
    for framework in frameworks.values():
        framework.code_samples.exclude(task__slug__in=kept.get(framework.pk, set())).delete()
    return sum(len(v) for v in kept.values())
