"""Load the catalog data files into the database, and export the database back to files.

`load()` is an idempotent upsert by slug in one transaction: a broken file applies nothing, and the
error names the file, the record and the field. A framework file is the whole truth about that
framework: support rows, fits and samples it no longer lists are removed. `export()` writes the same
layout back, so load → export is lossless (pinned by a test).
"""

import contextlib
import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..catalog.records import COMPOSITE, FRAMEWORK_FIELDS, OPTIONAL_FRAMEWORK_FIELDS, document
from ..models import CodeSample, CodingTask, Feature, FeatureCategory, Framework, Support, UseCase, UseCaseFit
from . import fast_yaml, package_facts

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"

ECOSYSTEM_KEYS = {"packages": int, "measure": str, "source": str, "checked_on": datetime.date, "estimated": bool}
SUPPORT_KEYS = {"level": str, "note": str, "since": str, "source": str, "checked_on": datetime.date, "confidence": str}
FIT_KEYS = {"fit": str, "note": str, "source": str, "checked_on": datetime.date}
SAMPLE_KEYS = {"task": str, "code": str, "gives": str, "source": str, "version": str, "checked_on": datetime.date}


_FILES = ("features.yaml", "use_cases.yaml", "tasks.yaml")


class CatalogError(Exception):
    """A problem in a catalog file, located precisely enough for an editor to fix it."""


@dataclass
class Where:
    file: str
    record: str

    def error(self, field: str, message: str) -> CatalogError:
        return CatalogError(f"{self.file}: {self.record}: field '{field}': {message}")


def _check_types(data, spec: dict, where: Where, required: set[str]) -> None:
    if not isinstance(data, dict):
        raise CatalogError(f"{where.file}: {where.record}: expected a mapping, got {type(data).__name__}")
    for key in data:
        if key not in spec:
            raise where.error(key, f"unknown field (expected one of: {', '.join(sorted(spec))})")
    for key in required:
        if key not in data or data[key] in (None, ""):
            raise where.error(key, "is required")
    for key, value in data.items():
        expected = spec[key]
        if value is None:
            continue
        if expected is str and isinstance(value, bool):
            raise where.error(key, f'YAML read {value!r} as a boolean; quote it ("yes" / "no")')
        if expected is str and isinstance(value, (int, float)):
            raise where.error(key, f"{value!r} must be a quoted string")
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise where.error(key, f"{value!r} must be a whole number")
        if expected is datetime.date and isinstance(value, str):
            # JSON has no date type: the open-data export writes ISO dates as strings.
            with contextlib.suppress(ValueError):
                data[key] = value = datetime.date.fromisoformat(value)
        if expected is datetime.date and not isinstance(value, datetime.date):
            raise where.error(key, f"{value!r} must be a date written YYYY-MM-DD")
        if expected in (list, dict, bool) and not isinstance(value, expected):
            raise where.error(key, f"must be a {expected.__name__}")


def _read_yaml(path: Path):
    if not path.exists():
        raise CatalogError(f"{path.name}: no such file in {path.parent}")
    try:
        return fast_yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path.name}: not valid YAML: {exc}") from exc


def _save(instance, where: Where) -> None:
    try:
        # The database enforces the check and unique constraints on save, and the loader sets every
        # foreign key from a row it holds; asking Django to validate those first costs a query per
        # constraint and per key, for every row (most of a seed load's time).
        relations = [f.name for f in instance._meta.fields if f.is_relation]
        instance.full_clean(exclude=relations, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise where.error(field, " ".join(messages)) from exc
    instance._change_reason = f"load_catalog ({where.file})"  # shown in the admin history
    try:
        instance.save()
    except IntegrityError as exc:  # the whole load is one transaction: nothing is applied
        raise where.error("constraint", str(exc).splitlines()[0]) from exc


def _upsert(model, where: Where, lookup: dict, values: dict):
    instance = model.objects.filter(**lookup).first()
    if instance is not None and all(getattr(instance, name) == value for name, value in values.items()):
        return instance  # unchanged: no save, so no history entry and no revision bump
    instance = instance or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    _save(instance, where)
    return instance


def load(directory: Path = SEED_DIR) -> dict[str, int]:
    """Apply every catalog file in `directory`; return counts of what was loaded."""
    directory = Path(directory)
    return apply(
        categories=_read_yaml(directory / "features.yaml"),
        use_cases=_read_yaml(directory / "use_cases.yaml"),
        tasks=_read_yaml(directory / "tasks.yaml"),
        frameworks=[(path.name, _read_yaml(path)) for path in sorted((directory / "frameworks").glob("*.yaml"))],
    )


def load_document(path: Path) -> dict[str, int]:
    """Apply an open-data JSON export (`/api/v1/export/catalog.json`), the same way as the files."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"{path.name}: not a readable JSON document: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("frameworks"), list):
        raise CatalogError(f"{path.name}: expected the catalog export, an object with a 'frameworks' list")
    return apply(
        categories=data.get("categories"),
        use_cases=data.get("use_cases"),
        tasks=data.get("tasks"),
        frameworks=[(f"{path.name}: frameworks[{i}]", raw) for i, raw in enumerate(data["frameworks"])],
        source=path.name,
    )


@transaction.atomic
def apply(*, categories, use_cases, tasks, frameworks: list[tuple[str, object]], source: str = "") -> dict[str, int]:
    """Upsert a whole catalog given as plain data; `frameworks` pairs a location label with a record."""
    counts = {"categories": 0, "features": 0, "use_cases": 0, "tasks": 0, "frameworks": 0, "supports": 0}
    features_file, use_cases_file, tasks_file = (source or name for name in _FILES)

    for position, raw in enumerate(categories or []):
        where = Where(features_file, f"category #{position + 1} ({(raw or {}).get('slug', '?')})")
        _check_types(
            raw,
            {"slug": str, "name": str, "order": int, "description": str, "features": list},
            where,
            {"slug", "name", "features"},
        )
        category = _upsert(
            FeatureCategory,
            where,
            {"slug": raw["slug"]},
            {"name": raw["name"], "order": raw.get("order", 0), "description": raw.get("description", "")},
        )
        counts["categories"] += 1
        for feature in raw["features"]:
            fwhere = Where(features_file, f"feature {(feature or {}).get('slug', '?')}")
            _check_types(
                feature,
                {"slug": str, "name": str, "order": int, "description": str},
                fwhere,
                {"slug", "name", "description"},
            )
            _upsert(
                Feature,
                fwhere,
                {"slug": feature["slug"]},
                {
                    "name": feature["name"],
                    "description": feature["description"],
                    "order": feature.get("order", 0),
                    "category": category,
                },
            )
            counts["features"] += 1

    for raw in use_cases or []:
        where = Where(use_cases_file, f"use case {(raw or {}).get('slug', '?')}")
        _check_types(
            raw, {"slug": str, "name": str, "order": int, "description": str}, where, {"slug", "name", "description"}
        )
        _upsert(
            UseCase, where, {"slug": raw["slug"]}, {k: raw[k] for k in ("name", "description", "order") if k in raw}
        )
        counts["use_cases"] += 1

    for raw in tasks or []:
        where = Where(tasks_file, f"task {(raw or {}).get('slug', '?')}")
        _check_types(raw, {"slug": str, "title": str, "description": str}, where, {"slug", "title", "description"})
        _upsert(CodingTask, where, {"slug": raw["slug"]}, {"title": raw["title"], "description": raw["description"]})
        counts["tasks"] += 1

    features = {f.slug: f for f in Feature.objects.all()}
    known_use_cases = {u.slug: u for u in UseCase.objects.all()}
    known_tasks = {t.slug: t for t in CodingTask.objects.all()}
    for label, raw in frameworks:
        counts["supports"] += _load_framework(label, raw, features, known_use_cases, known_tasks)
        counts["frameworks"] += 1
    return counts


def _load_framework(label: str, raw, features: dict, use_cases: dict, tasks: dict) -> int:
    where = Where(label, f"framework {raw.get('slug', '?') if isinstance(raw, dict) else '?'}")
    _check_types(raw, FRAMEWORK_FIELDS, where, set(FRAMEWORK_FIELDS) - OPTIONAL_FRAMEWORK_FIELDS)
    weeks = raw["productivity_weeks"]
    if len(weeks) != 2 or not all(isinstance(w, int) and not isinstance(w, bool) for w in weeks):
        raise where.error("productivity_weeks", "must be [min, max] in whole weeks")
    values = {k: v for k, v in raw.items() if k not in COMPOSITE and k != "slug"}  # the plain fields
    ecosystem = raw.get("ecosystem")
    if ecosystem:
        _check_types(
            ecosystem, ECOSYSTEM_KEYS, Where(label, "ecosystem"), {"packages", "measure", "source", "checked_on"}
        )
    ecosystem = ecosystem or {}
    values.update(
        ecosystem_packages=ecosystem.get("packages"),
        ecosystem_measure=ecosystem.get("measure", ""),
        ecosystem_estimated=bool(ecosystem.get("estimated", False)),
        ecosystem_source=ecosystem.get("source", ""),
        ecosystem_checked_on=ecosystem.get("checked_on"),
    )
    values.update(productivity_min_weeks=weeks[0], productivity_max_weeks=weeks[1])
    values.setdefault("archived", False)
    values.setdefault("source_domains", [])
    values.setdefault("status", Framework.Status.DRAFT)
    framework = _upsert(Framework, where, {"slug": raw["slug"]}, values)

    if raw.get("pypi_facts"):
        try:
            package_facts.record_seed(framework, raw["pypi_facts"])
        except (KeyError, TypeError, ValueError) as exc:
            raise where.error("pypi_facts", f"needs version, source and read_on ({exc})") from exc

    support = raw["support"]
    for slug, cell in support.items():
        cwhere = Where(label, f"support.{slug}")
        if slug not in features:
            raise cwhere.error("feature", f"unknown feature slug '{slug}'")
        _check_types(cell, SUPPORT_KEYS, cwhere, {"level", "source", "checked_on"})
        _upsert(
            Support,
            cwhere,
            {"framework": framework, "feature": features[slug]},
            {
                "level": cell["level"],
                "note": (cell.get("note") or "").strip(),
                "since_version": cell.get("since") or "",
                "source_url": cell["source"],
                "checked_on": cell["checked_on"],
                "confidence": cell.get("confidence", "high"),
            },
        )
    framework.supports.exclude(feature__slug__in=support).delete()

    fits = raw.get("use_cases") or {}
    for slug, fit in fits.items():
        uwhere = Where(label, f"use_cases.{slug}")
        if slug not in use_cases:
            raise uwhere.error("use_case", f"unknown use-case slug '{slug}'")
        _check_types(fit, FIT_KEYS, uwhere, {"fit", "note", "source"})
        _upsert(
            UseCaseFit,
            uwhere,
            {"framework": framework, "use_case": use_cases[slug]},
            {
                "fit": fit["fit"],
                "note": fit["note"].strip(),
                "source_url": fit["source"],
                "checked_on": fit.get("checked_on") or raw["checked_on"],
            },
        )
    framework.fits.exclude(use_case__slug__in=fits).delete()

    if "code_samples" not in raw:
        return len(support)  # the seed keeps samples as files (samples/), read by sample_files.apply()
    samples = raw["code_samples"] or []
    for position, sample in enumerate(samples):
        swhere = Where(label, f"code_samples[{position}]")
        _check_types(sample, SAMPLE_KEYS, swhere, {"task", "code", "gives", "source", "version"})
        if sample["task"] not in tasks:
            raise swhere.error("task", f"unknown task slug '{sample['task']}'")
        _upsert(
            CodeSample,
            swhere,
            {"framework": framework, "task": tasks[sample["task"]]},
            {
                "code": sample["code"],
                "gives": sample["gives"].strip(),
                "source_url": sample["source"],
                "version": sample["version"],
                "checked_on": sample.get("checked_on") or raw["checked_on"],
            },
        )
    framework.code_samples.exclude(task__slug__in=[s["task"] for s in samples]).delete()
    return len(support)


def export(directory: Path) -> int:
    """Write the whole catalog (drafts included) to `directory`; return the number of frameworks."""
    directory = Path(directory)
    (directory / "frameworks").mkdir(parents=True, exist_ok=True)
    data = document(published_only=False)
    for name, key in zip(_FILES, ("categories", "use_cases", "tasks"), strict=True):
        _write(directory / name, data[key])
    for record in data["frameworks"]:
        record.pop("code_samples", None)  # they live as runnable files in samples/, not in these files
        _write(directory / "frameworks" / f"{record['slug']}.yaml", record)
    return len(data["frameworks"])


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper, value: str):
    # Multi-line text (summaries, code) stays readable as a literal block in review diffs.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _write(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
