"""Catalog lint: find facts a reader could not trace, before they reach a page.

Works on plain records in the data-file shape (`catalog.records.framework_record`), so the same rules check
the seed files in review and the live database an editor changed. Every problem has a kind, a
location and a sentence; `check_catalog` prints them and fails when there is any.

Rules:
- every slug is lowercase ASCII with single hyphens, never containing "-vs-", and unique in its kind;
- every framework has exactly one Support cell per feature, and no cell for an unknown feature;
- every cell has a valid level, an https source and a checked-on date that is not in the future;
- plugin, partial and third-party cells have a note; every use-case fit is ideal, good or poor;
- every source (cells, fits, samples, release, facts, learning) lies inside the framework's own
  allow-list (`source_domains`: a host, or a host with a path prefix such as github.com/pallets/flask);
- a source is a page that states the fact, never a bare site root (a #section of it is fine);
- a plugin or third-party note names the package (a word spelled like one: Flask-Admin, SQLAlchemy,
  aiohttp_jinja2, django-ninja), since the level means "this package provides it".
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..catalog.records import framework_record, with_facts
from ..domain.vocabulary import FIT_SLUGS, LEVEL_SLUGS, LEVELS_NEEDING_NOTE
from ..models import Feature, Framework, UseCase
from . import fast_yaml, sample_files

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A package name as notes write it: hyphenated, dotted or underscored (flask-sock, tg.ext, aiohttp_jinja2),
# or with a capital inside the word (SQLAlchemy, WTForms, Flask-Admin), or introduced as "the x package".
PACKAGE_NAME = re.compile(
    r"\b(?:\w+[-_.]\w[\w.-]*|\w*[a-z][A-Z]\w*|[A-Z]{2,}\w*[a-z]\w*)\b"
    r"|\b[Tt]he [\w.-]+ (?:package|extension|plugin|add-on)\b"  # "the adrf package"
)
# Words spelled like package names that are not packages: technologies, protocols and English.
NOT_A_PACKAGE = {
    "add-on", "add-ons", "built-in", "first-party", "third-party", "hand-written", "community-maintained",
    "sign-in", "bearer-token", "well-known", "server-side", "client-side", "e.g", "i.e", "openapi", "graphql",
    "oauth", "oauth2", "openid", "mongodb", "postgresql", "mysql", "sqlite", "websocket", "websockets", "github",
    "pypi", "apis", "javascript", "typescript", "asgi", "wsgi", "json", "html", "http", "https",
}  # fmt: skip
LEVELS_NAMING_A_PACKAGE = ("plugin", "third-party")


def names_a_package(note: str) -> bool:
    return any(
        word.lower() not in NOT_A_PACKAGE and not word.replace(".", "").isdigit() for word in PACKAGE_NAME.findall(note)
    )


FRAMEWORK_SOURCES = ("release_source", "facts_source", "learning_source")


@dataclass(frozen=True)
class Problem:
    kind: str  # e.g. "source-not-allowed"; one per rule, so tests and editors can filter
    where: str  # e.g. "flask.yaml: support.orm"
    message: str

    def __str__(self):
        return f"{self.where}: {self.message} [{self.kind}]"


def check(*, features: list[str], use_cases: list[str], frameworks: list[tuple[str, dict]], today: datetime.date):
    """Lint the catalog. `frameworks` pairs a location label (a file name) with a framework record."""
    problems = _check_slugs("feature", [("features", slug) for slug in features])
    problems += _check_slugs("use case", [("use cases", slug) for slug in use_cases])
    problems += _check_slugs("framework", [(label, record.get("slug")) for label, record in frameworks])
    for label, record in frameworks:
        problems += _check_framework(label, record, set(features), today)
    return problems


def _check_slugs(kind: str, located: list[tuple[str, object]]) -> list[Problem]:
    problems = []
    for label, slug in located:
        if not isinstance(slug, str) or not SLUG.match(slug) or "-vs-" in slug:
            problems.append(
                Problem(
                    "slug-malformed",
                    label,
                    f"{kind} slug {slug!r} must be lowercase letters, digits and single hyphens, without “-vs-”",
                )
            )
    counts = Counter(slug for _, slug in located if isinstance(slug, str))
    for slug, count in sorted(counts.items()):
        if count > 1:
            places = ", ".join(label for label, s in located if s == slug)
            problems.append(Problem("slug-duplicate", places, f"{kind} slug '{slug}' is used {count} times"))
    return problems


def _check_framework(label: str, record: dict, features: set[str], today: datetime.date) -> list[Problem]:
    problems = []
    allowed = [entry for entry in record.get("source_domains") or [] if isinstance(entry, str)]
    if not allowed:
        problems.append(Problem("allow-list-empty", label, "source_domains lists no allowed source hosts"))

    def source(where: str, url) -> None:
        parts = urlsplit(str(url or ""))
        if url and parts.path in ("", "/") and not parts.fragment:  # a section (#anchor) of it is fine
            problems.append(
                Problem(
                    "source-too-general",
                    where,
                    f"source {url} is a site's front page: cite the page that states the fact",
                )
            )
        if not url:
            problems.append(Problem("source-missing", where, "has no source URL"))
        elif not str(url).startswith("https://"):
            problems.append(Problem("source-not-https", where, f"source {url} is not an https URL"))
        elif allowed and not _allowed(str(url), allowed):
            problems.append(
                Problem(
                    "source-not-allowed",
                    where,
                    f"source {url} is not on the framework's allow-list ({', '.join(allowed)})",
                )
            )

    for field in FRAMEWORK_SOURCES:
        source(f"{label}: {field}", record.get(field))
    ecosystem = record.get("ecosystem")
    if ecosystem is not None:
        # A count over the whole package index, so it cites PyPI's index rather than the framework's docs.
        eco = ecosystem if isinstance(ecosystem, dict) else {}
        if not str(eco.get("source") or "").startswith("https://"):
            problems.append(
                Problem("source-not-https", f"{label}: ecosystem", "the ecosystem count needs an https source")
            )
        if not isinstance(eco.get("checked_on"), datetime.date):
            problems.append(
                Problem("checked-on-missing", f"{label}: ecosystem", "the ecosystem count needs the date it was taken")
            )

    support = record.get("support") or {}
    for missing in sorted(features - set(support)):
        problems.append(Problem("feature-missing", label, f"no support cell for feature '{missing}'"))
    for slug, cell in support.items():
        where = f"{label}: support.{slug}"
        if slug not in features:
            problems.append(Problem("feature-unknown", where, f"'{slug}' is not a feature in the catalog"))
        cell = cell if isinstance(cell, dict) else {}
        level = cell.get("level")
        if level not in LEVEL_SLUGS:
            problems.append(Problem("level-invalid", where, f"level {level!r} is not one of {', '.join(LEVEL_SLUGS)}"))
        if level in LEVELS_NEEDING_NOTE and not str(cell.get("note") or "").strip():
            problems.append(
                Problem("note-missing", where, f"level '{level}' needs a note: what is missing or which package")
            )
        if level in LEVELS_NAMING_A_PACKAGE and not names_a_package(str(cell.get("note") or "")):
            problems.append(Problem("package-unnamed", where, f"level '{level}' needs a note that names the package"))
        source(where, cell.get("source"))
        checked = cell.get("checked_on")
        if not isinstance(checked, datetime.date):
            problems.append(Problem("checked-on-missing", where, "has no checked-on date (YYYY-MM-DD)"))
        elif checked > today:
            problems.append(Problem("checked-on-future", where, f"checked-on date {checked} is in the future"))

    for slug, fit in (record.get("use_cases") or {}).items():
        fit = fit if isinstance(fit, dict) else {}
        if fit.get("fit") not in FIT_SLUGS:
            problems.append(
                Problem(
                    "fit-invalid",
                    f"{label}: use_cases.{slug}",
                    f"fit {fit.get('fit')!r} is not one of {', '.join(FIT_SLUGS)}",
                )
            )
        source(f"{label}: use_cases.{slug}", fit.get("source"))
    for position, sample in enumerate(record.get("code_samples") or []):
        source(f"{label}: code_samples[{position}]", (sample or {}).get("source"))
    return problems


def _allowed(url: str, allowed: list[str]) -> bool:
    parts = urlsplit(url)
    here = f"{parts.hostname or ''}{parts.path}"
    for entry in allowed:
        entry = entry.rstrip("/")
        # A path prefix must end at a segment boundary: github.com/pallets/flask does not admit
        # github.com/pallets/flask-admin.
        if here == entry or here.startswith(entry + "/"):
            return True
    return False


def check_directory(
    directory: Path, *, today: datetime.date, samples: Path = sample_files.SAMPLES_DIR
) -> list[Problem]:
    """Lint the data files as they are, without loading them (a broken file is reported, not raised)."""
    directory = Path(directory)
    unreadable: list[Problem] = []

    def read(path: Path, expected: type):
        try:
            data = fast_yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            unreadable.append(Problem("file-unreadable", path.name, f"cannot be read: {exc}"))
            return expected()
        return data if isinstance(data, expected) else expected()

    categories = read(directory / "features.yaml", list)
    features = [
        f.get("slug") for c in categories if isinstance(c, dict) for f in c.get("features") or [] if isinstance(f, dict)
    ]
    use_cases = [u.get("slug") for u in read(directory / "use_cases.yaml", list) if isinstance(u, dict)]
    frameworks = [(path.name, read(path, dict)) for path in sorted((directory / "frameworks").glob("*.yaml"))]
    # The code samples live as runnable files (samples/); their sources obey each framework's allow-list too.
    by_framework: dict[str, list[dict]] = {}
    for sample in sample_files.read_tree(samples):
        by_framework.setdefault(sample.framework, []).append({"task": sample.task, "source": sample.source})
    for _, record in frameworks:
        record.setdefault("code_samples", by_framework.get(record.get("slug"), []))
    return unreadable + check(features=features, use_cases=use_cases, frameworks=frameworks, today=today)


def check_database(*, today: datetime.date) -> list[Problem]:
    """Lint what editors have saved, drafts included."""
    frameworks = with_facts(Framework.objects.all())
    return check(
        features=list(Feature.objects.values_list("slug", flat=True)),
        use_cases=list(UseCase.objects.values_list("slug", flat=True)),
        frameworks=[(f"framework {f.slug}", framework_record(f)) for f in frameworks],
        today=today,
    )
