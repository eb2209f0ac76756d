"""Read a package's latest stable release from the PyPI JSON API.

Version refreshes are proposals that an editor reviews before they reach the catalog, so this module
only reports what PyPI says (version, upload date, public page to check it against) and fails loudly
with a readable PyPIError instead of guessing. Tests replay recorded responses from tests/data/pypi/
through a local HTTP server, so they never depend on the network.
"""

import datetime
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

USER_AGENT = "Pickwise-refresh-versions/1.0"


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date  # upload date of the release's earliest file (UTC date)
    url: str  # https://pypi.org/project/<name>/<version>/


class PyPIError(Exception):
    """PyPI could not tell us the package's latest stable release; the message says why."""


def latest_release(name: str, *, base_url: str = "https://pypi.org", timeout: float = 10.0) -> Release:
    data = _fetch(name, base_url, timeout)
    releases = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(releases, dict):
        raise PyPIError(f"{name}: unexpected response from PyPI (no 'releases').")
    # info.version is simply the newest upload, which may be a pre-release; pick from all releases instead.
    # A release with no files also fails the yanked test (all([]) is True), so it can never be picked.
    candidates = [
        (key, version, files)
        for version, files in releases.items()
        if (key := _stable_key(version)) is not None and not all(f.get("yanked") for f in files)
    ]
    if not candidates:
        raise PyPIError(f"{name}: no stable, unyanked release on PyPI.")
    _, version, files = max(candidates, key=lambda c: c[0])
    info = data.get("info") or {}
    project = info.get("name") or name
    # Always the public page, even when base_url is a mirror or test server: editors open this link.
    url = f"https://pypi.org/project/{urllib.parse.quote(project)}/{urllib.parse.quote(version)}/"
    return Release(version=version, date=min(_upload_date(name, f) for f in files), url=url)


def _fetch(name: str, base_url: str, timeout: float) -> Any:
    return fetch_json(name, f"{base_url.rstrip('/')}/pypi/{urllib.parse.quote(name, safe='')}/json", timeout)


def fetch_json(name: str, url: str, timeout: float, *, missing_ok: bool = False) -> Any:
    """The JSON document at a PyPI API URL; any failure is a PyPIError naming `name` and the URL
    (None for HTTP 404 when missing_ok)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            if missing_ok:
                return None
            raise PyPIError(f"{name}: not on PyPI (HTTP 404 from {url}).") from exc
        raise PyPIError(f"{name}: PyPI answered HTTP {exc.code} for {url}.") from exc
    except TimeoutError as exc:  # a slow read raises this directly, a slow connect inside URLError
        raise PyPIError(f"{name}: PyPI did not answer within {timeout:g}s.") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise PyPIError(f"{name}: PyPI did not answer within {timeout:g}s.") from exc
        raise PyPIError(f"{name}: could not reach PyPI ({exc.reason}).") from exc
    try:
        return json.loads(body)
    except ValueError as exc:
        raise PyPIError(f"{name}: PyPI returned invalid JSON from {url} ({exc}).") from exc


def _stable_key(version: str) -> Version | None:
    """A sort key for a final release, or None for pre-/dev releases and strings that are not versions."""
    try:
        parsed = Version(version)
    except InvalidVersion:
        return None
    return None if parsed.is_prerelease else parsed


def _upload_date(name: str, file: dict[str, Any]) -> datetime.date:
    stamp = file.get("upload_time_iso_8601") or file.get("upload_time")
    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except (TypeError, ValueError) as exc:
        raise PyPIError(f"{name}: file {file.get('filename')!r} has no readable upload time.") from exc
    if moment.tzinfo is None:  # PyPI's plain upload_time is UTC without an offset
        return moment.date()
    return moment.astimezone(datetime.UTC).date()
