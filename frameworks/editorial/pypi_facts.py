"""Read facts about a package's latest stable release from the PyPI JSON API.

Python support, free-threading evidence, security advisories and releases per year, for the editors'
framework pages. Like frameworks.editorial.pypi, this only reports what PyPI says, together with the
page to check it against, and fails loudly with a readable PyPIError instead of guessing.

The parsers are plain functions over parsed JSON so tests can feed them recordings directly:

- release facts (classifiers, requires_python, vulnerabilities) come from the JSON of the release
  itself, https://pypi.org/pypi/<name>/<version>/json. The project JSON, https://pypi.org/pypi/<name>/json,
  carries the same fields for the release named in its info.version, so it is accepted too, but only
  when that release is the latest stable, unyanked one (otherwise the fields describe another release);
- the release history (which release is latest, its files, releases per year) comes from the project
  JSON's "releases" mapping.
"""

import datetime
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import Version

from frameworks.editorial.pypi import PyPIError, _fetch, _stable_key, _upload_date, fetch_json

# The CPython minor versions the catalog reports on; support outside this window is not shown.
MINORS = tuple(f"3.{minor}" for minor in range(9, 16))

_VERSION_CLASSIFIER = re.compile(r"Programming Language :: Python :: (\d+\.\d+)")
_FREE_THREADING_CLASSIFIER = "Programming Language :: Python :: Free Threading"


@dataclass(frozen=True)
class LatestRelease:
    version: str
    files: tuple[Mapping[str, Any], ...]  # the release's file entries as PyPI lists them


@dataclass(frozen=True)
class PythonSupport:
    requires_python: str | None  # the release's Requires-Python specifier; None when it declares none
    classifier_versions: tuple[str, ...]  # "X.Y" from "Programming Language :: Python :: X.Y", ascending
    minors: tuple[str, ...]  # supported CPython minors among MINORS, ascending
    minors_from: str | None  # "requires_python", "classifiers", or None when neither says anything


@dataclass(frozen=True)
class FreeThreading:
    declared: bool  # a "Programming Language :: Python :: Free Threading" classifier, at any level
    ships: bool | None  # True: a free-threaded wheel (cp313t, cp314t...); False: compiled wheels, none
    # free-threaded; None: no evidence either way (only pure-Python wheels, or no wheels at all)
    pure_python: bool  # every wheel of the release is pure Python (abi "none", platform "any")
    evidence: tuple[str, ...]  # the free-threading classifiers, then the first free-threaded wheel's filename


@dataclass(frozen=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    summary: str  # the advisory's summary, else the first line of its details
    fixed_in: tuple[str, ...]
    link: str | None


@dataclass(frozen=True)
class ProjectFacts:
    name: str  # the project's name as PyPI spells it
    version: str
    python: PythonSupport
    free_threading: FreeThreading
    advisories: tuple[Advisory, ...]
    release_years: dict[int, int]
    source: str  # https://pypi.org/project/<name>/<version>/
    read_on: datetime.date
    read_from: tuple[str, ...]  # the JSON API URLs the facts were read from

    def as_dict(self) -> dict[str, Any]:
        """Plain data for YAML or JSON output."""
        return {
            "version": self.version,
            "requires_python": self.python.requires_python,
            "python_versions": list(self.python.minors),
            "python_versions_from": self.python.minors_from,
            "free_threading": {
                "declared": self.free_threading.declared,
                "ships": self.free_threading.ships,
                "pure_python": self.free_threading.pure_python,
                "evidence": list(self.free_threading.evidence),
            },
            "advisories": [
                {"id": a.id, "aliases": list(a.aliases), "fixed_in": list(a.fixed_in), "link": a.link}
                for a in self.advisories
            ],
            "release_years": dict(self.release_years),
            "source": self.source,
            "read_on": self.read_on.isoformat(),
        }


def latest_stable(data: Any, name: str | None = None) -> LatestRelease:
    """The latest stable release with at least one unyanked file, from a project JSON's "releases".

    The same choice as frameworks.editorial.pypi.latest_release, on an already parsed response.
    """
    label = _label(data, name)
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        raise PyPIError(f"{label}: unexpected response from PyPI (no 'releases').")
    candidates = [
        (key, version, files)
        for version, files in releases.items()
        if (key := _stable_key(version)) is not None and not _all_yanked(label, version, files)
    ]
    if not candidates:
        raise PyPIError(f"{label}: no stable, unyanked release on PyPI.")
    _, version, files = max(candidates, key=lambda c: c[0])
    return LatestRelease(version=version, files=tuple(files))


def python_support(data: Any) -> PythonSupport:
    """Requires-Python and version classifiers of the release, and the CPython minors they admit.

    The minors come from the specifier when there is one: a minor counts when some 3.X.Y release
    satisfies it. That is what pip will install on, not what the project tests, and an open-ended
    ">=3.9" admits 3.15 too. Without a specifier the minors are the classifiers' ones within MINORS.
    """
    label, info = _release_info(data)
    requires = info.get("requires_python")
    if requires is not None and not isinstance(requires, str):
        raise PyPIError(f"{label}: unexpected requires_python {requires!r}.")
    requires = (requires or "").strip() or None
    classifier_versions = tuple(
        sorted(
            {m.group(1) for c in _classifiers(label, info) if (m := _VERSION_CLASSIFIER.fullmatch(c))},
            key=Version,
        )
    )
    if requires is not None:
        try:
            specifier = SpecifierSet(requires)
        except InvalidSpecifier as exc:
            raise PyPIError(f"{label}: requires_python {requires!r} is not a valid specifier.") from exc
        minors = tuple(m for m in MINORS if any(specifier.contains(f"{m}.{patch}") for patch in range(100)))
        return PythonSupport(requires, classifier_versions, minors, "requires_python")
    minors = tuple(m for m in MINORS if m in classifier_versions)
    return PythonSupport(None, classifier_versions, minors, "classifiers" if classifier_versions else None)


def free_threading(data: Any, release_files: Iterable[Mapping[str, Any]]) -> FreeThreading:
    """Whether the release declares free-threading support and whether it ships free-threaded wheels.

    data is the release's JSON (for the classifiers); release_files its file entries, e.g.
    latest_stable(project_data).files or the release JSON's "urls". Yanked files and filenames that
    are not valid wheel names are not evidence.
    """
    label, info = _release_info(data)
    declared = tuple(
        c
        for c in _classifiers(label, info)
        if c == _FREE_THREADING_CLASSIFIER or c.startswith(_FREE_THREADING_CLASSIFIER + " :: ")
    )
    wheels = []
    for file in release_files:
        if not isinstance(file, Mapping) or not isinstance(file.get("filename"), str):
            raise PyPIError(f"{label}: unexpected file entry {file!r}.")
        if file.get("yanked") or not file["filename"].endswith(".whl"):
            continue
        try:
            _, _, _, tags = parse_wheel_filename(file["filename"])
        except InvalidWheelFilename:
            continue
        wheels.append((file["filename"], tags))
    free_threaded = sorted(name for name, tags in wheels if any(tag.abi.endswith("t") for tag in tags))
    pure = [name for name, tags in wheels if all(tag.abi == "none" and tag.platform == "any" for tag in tags)]
    compiled = len(wheels) > len(pure)
    ships = True if free_threaded else (False if compiled else None)
    return FreeThreading(
        declared=bool(declared),
        ships=ships,
        pure_python=bool(wheels) and not compiled,
        evidence=declared + tuple(free_threaded[:1]),
    )


def advisories(data: Any) -> tuple[Advisory, ...]:
    """The release's security advisories from its "vulnerabilities", withdrawn ones left out.

    PyPI lists an issue once per database (a PYSEC and a GHSA entry naming each other as aliases);
    such entries are merged into the first one, with the aliases of both.
    """
    label, _ = _release_info(data)
    entries = data.get("vulnerabilities")
    if not isinstance(entries, list):
        raise PyPIError(f"{label}: unexpected response from PyPI (no 'vulnerabilities').")
    kept: list[Advisory] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise PyPIError(f"{label}: unexpected vulnerability entry {entry!r}.")
        if entry.get("withdrawn"):
            continue
        aliases = _strings(label, entry, "aliases")
        names = {entry["id"], *aliases}
        for i, other in enumerate(kept):
            if names & {other.id, *other.aliases}:
                merged = tuple(dict.fromkeys(a for a in (*other.aliases, *sorted(names)) if a != other.id))
                fixed = tuple(dict.fromkeys((*other.fixed_in, *_strings(label, entry, "fixed_in"))))
                kept[i] = Advisory(other.id, merged, other.summary, fixed, other.link)
                break
        else:
            kept.append(
                Advisory(
                    id=entry["id"],
                    aliases=aliases,
                    summary=_summary(entry),
                    fixed_in=_strings(label, entry, "fixed_in"),
                    link=entry.get("link") or None,
                )
            )
    return tuple(kept)


def release_years(data: Any) -> dict[int, int]:
    """Stable, unyanked releases per calendar year (UTC) of their earliest file, from "releases".

    Years without a release between the first and the last one are included with 0, so a chart of
    the result shows the gaps.
    """
    label = _label(data)
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        raise PyPIError(f"{label}: unexpected response from PyPI (no 'releases').")
    counts: dict[int, int] = {}
    for version, files in releases.items():
        if _stable_key(version) is None or _all_yanked(label, version, files):
            continue
        year = min(_upload_date(label, f) for f in files).year
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return {}
    return {year: counts.get(year, 0) for year in range(min(counts), max(counts) + 1)}


def read_facts(
    name: str,
    *,
    base_url: str = "https://pypi.org",
    timeout: float = 10.0,
    today: datetime.date | None = None,
) -> ProjectFacts:
    """Fetch the project JSON, then the latest stable release's JSON, and read the facts from them.

    When PyPI has no JSON for the release (HTTP 404) the project JSON's own release fields are used,
    which is only correct, and only allowed, when its info.version is that release.
    """
    project = _fetch(name, base_url, timeout)
    latest = latest_stable(project, name)
    info = project.get("info")
    spelled = (info.get("name") if isinstance(info, dict) else None) or name
    base = base_url.rstrip("/")
    project_url = f"{base}/pypi/{urllib.parse.quote(name, safe='')}/json"
    release_url = f"{base}/pypi/{urllib.parse.quote(name, safe='')}/{urllib.parse.quote(latest.version, safe='')}/json"
    release = fetch_json(name, release_url, timeout, missing_ok=True)
    if release is None:
        _release_info(project, name)  # raises unless the project JSON describes the latest stable release
        release, read_from = project, (project_url,)
    else:
        described = _release_info(release, name)[1].get("version")
        if described != latest.version:
            raise PyPIError(f"{name}: PyPI's JSON for release {latest.version} describes {described!r}.")
        read_from = (project_url, release_url)
    # Always the public page, even when base_url is a mirror or test server: editors open this link.
    source = f"https://pypi.org/project/{urllib.parse.quote(spelled)}/{urllib.parse.quote(latest.version)}/"
    return ProjectFacts(
        name=spelled,
        version=latest.version,
        python=python_support(release),
        free_threading=free_threading(release, latest.files),
        advisories=advisories(release),
        release_years=release_years(project),
        source=source,
        read_on=today or datetime.datetime.now(datetime.UTC).date(),
        read_from=read_from,
    )


def _label(data: Any, name: str | None = None) -> str:
    info = data.get("info") if isinstance(data, dict) else None
    spelled = info.get("name") if isinstance(info, dict) else None
    return name or (spelled if isinstance(spelled, str) and spelled else "package")


def _release_info(data: Any, name: str | None = None) -> tuple[str, dict[str, Any]]:
    """The label and "info" of a release's JSON; a project JSON only when it describes the latest stable release."""
    label = _label(data, name)
    info = data.get("info") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        raise PyPIError(f"{label}: unexpected response from PyPI (no 'info').")
    if "releases" in data:  # a project JSON: info is about info.version, which must be the latest stable
        latest = latest_stable(data, label).version
        if info.get("version") != latest:
            raise PyPIError(
                f"{label}: the project JSON describes release {info.get('version')!r}, not the latest stable "
                f"{latest}; read https://pypi.org/pypi/<name>/{latest}/json instead."
            )
    return label, info


def _classifiers(label: str, info: dict[str, Any]) -> list[str]:
    classifiers = info.get("classifiers") or []
    if not isinstance(classifiers, list) or not all(isinstance(c, str) for c in classifiers):
        raise PyPIError(f"{label}: unexpected classifiers {classifiers!r}.")
    return [c.strip() for c in classifiers]


def _all_yanked(label: str, version: str, files: Any) -> bool:
    """True when no file of the release is unyanked (so also for a release without files)."""
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise PyPIError(f"{label}: unexpected file list for release {version!r}.")
    return all(f.get("yanked") for f in files)


def _strings(label: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PyPIError(f"{label}: unexpected {key} {values!r} in vulnerability {entry.get('id')!r}.")
    return tuple(values)


def _summary(entry: dict[str, Any]) -> str:
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        return summary.strip()
    details = entry.get("details")
    lines = details.splitlines() if isinstance(details, str) else []
    # OSV details are Markdown: skip headings such as "### Impact" for the first line that says something.
    return next((line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
