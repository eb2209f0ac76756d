"""Small builders for catalog rows, staff accounts and hand-made snapshots."""

import datetime
import html
import itertools
import re
import shutil
import threading
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.db import connection, models
from simple_history.utils import bulk_create_with_history

from frameworks.catalog import revision
from frameworks.domain.snapshot import FrameworkFacts, SupportFact
from frameworks.editorial import fast_yaml, loader
from frameworks.models import CodeSample, CodingTask, Feature, Framework, Support, UseCase, UseCaseFit

_counter = itertools.count(1)
CHECKED = datetime.date(2026, 11, 1)


def make_framework(
    *,
    slug: str | None = None,
    levels: dict[str, str] | None = None,
    fits: dict[str, str] | None = None,
    since: dict[str, str] | None = None,
    ecosystem: int | None = None,
    **fields,
) -> Framework:
    """A published framework with a Support row for every feature (level "no" unless given).

    `fits` adds a UseCaseFit per use case slug ({"cms": "ideal"}), `since` a since-version per
    feature slug, `ecosystem` a dated, sourced package count. Any model field can be given as well.
    """
    n = next(_counter)
    slug = slug or f"test-framework-{n}"
    values = {
        "name": slug.replace("-", " ").title(),
        "tagline": "A framework made for a test",
        "summary": "Exists only inside the test database.",
        "website": f"https://{slug}.example.org/",
        "repository": f"https://github.com/example/{slug}",
        "docs_url": f"https://{slug}.example.org/docs/",
        "pypi_name": slug,
        "license": "MIT",
        "first_release": 2020,
        "latest_version": "1.0",
        "latest_release_date": datetime.date(2026, 1, 1),
        "release_source": f"https://pypi.org/project/{slug}/1.0/",
        "interface": "asgi",
        "built_on": "nothing",
        "facts_source": f"https://github.com/example/{slug}",
        "learning_curve": "easy",
        "productivity_min_weeks": 1,
        "productivity_max_weeks": 2,
        "learning_note": "Test estimate.",
        "learning_source": f"https://{slug}.example.org/docs/tutorial/",
        "checked_on": CHECKED,
        "status": "published",
    }
    if ecosystem is not None:
        values |= {
            "ecosystem_packages": ecosystem,
            "ecosystem_measure": f"PyPI projects named {slug}-… (a test count)",
            "ecosystem_source": "https://pypi.org/simple/",
            "ecosystem_checked_on": CHECKED,
        }
    values |= fields
    framework = Framework.objects.create(slug=slug, **values)
    levels = levels or {}
    features = list(Feature.objects.all())
    unknown = (set(levels) | set(since or {})) - {f.slug for f in features}
    if unknown:  # a feature renamed in the vocabulary must not silently turn a test's cell into "no"
        raise ValueError(f"No such feature: {', '.join(sorted(unknown))}")
    cells = [
        Support(
            framework=framework,
            feature=feature,
            level=levels.get(feature.slug, "no"),
            note=""
            if levels.get(feature.slug, "no") in ("yes", "no", "unknown")
            else "Test note naming what is missing.",
            since_version=(since or {}).get(feature.slug, ""),
            source_url=f"https://{slug}.example.org/docs/{feature.slug}/",
            checked_on=CHECKED,
        )
        for feature in features
    ]
    # One INSERT (with its history rows, which reverts read) instead of a save and its signals per cell.
    bulk_create_with_history(cells, Support)
    revision.bump()  # bulk inserts send no signal: move the revision as a save would
    for use_case, fit in (fits or {}).items():
        make_fit(framework, use_case, fit)
    return framework


def make_fit(framework: Framework, use_case: str, fit: str, **fields) -> UseCaseFit:
    """How well `framework` fits the use case with slug `use_case` ("ideal", "good" or "poor")."""
    values = {
        "note": f"{framework.name} is {fit} for {use_case} in this test.",
        "source_url": f"https://{framework.slug}.example.org/docs/use-cases/{use_case}/",
        "checked_on": CHECKED,
    } | fields
    return UseCaseFit.objects.create(
        framework=framework, use_case=UseCase.objects.get(slug=use_case), fit=fit, **values
    )


def make_sample(framework: Framework, task: str = "create-user", **fields) -> CodeSample:
    """A code sample of `framework` for the coding task with slug `task`, by default one that ran and passed."""
    values = {
        "code": f"# {framework.name} answers the task\nfrom {framework.slug.replace('-', '_')} import App\n\napp = App()\n",
        "gives": f"{framework.name} gives routing for free.",
        "source_url": f"https://{framework.slug}.example.org/docs/quickstart/",
        "version": framework.latest_version,
        "checked_on": CHECKED,
        "path": f"samples/{task}/{framework.slug}",
        "server": "Uvicorn",
        "server_version": "0.40.0",
        "run_ok": True,
        "run_detail": "got 201 application/json",
        "run_seconds": 1.5,
        "run_checked_on": CHECKED,
    } | fields
    return CodeSample.objects.create(framework=framework, task=CodingTask.objects.get(slug=task), **values)


def empty_catalog() -> None:
    """Delete every framework, with what hangs off it (support cells, fits, code samples, PyPI facts,
    release proposals; fact reports lose their link) and the history of those rows. The vocabulary
    stays: feature categories, features, use cases and coding tasks.

    One DELETE per table rather than Framework.objects.all().delete(): that one sends a signal, writes
    a history row and bumps the revision for each of the seed's ~2,000 rows, seconds per test.
    """
    for relation in Framework._meta.related_objects:
        model = relation.related_model
        if relation.on_delete is models.SET_NULL:
            model.objects.update(**{relation.field.name: None})  # an UPDATE sends no signal
        elif relation.on_delete is models.CASCADE:
            _delete_all(model)
        else:
            raise NotImplementedError(f"empty_catalog does not know how to clear {model.__name__}")
    _delete_all(Framework)
    revision.bump()  # what a cascade of signals would have done, once


def _delete_all(model) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    history = getattr(model, "history", None)
    if history is not None:
        history.all().delete()  # historical rows have no signals: a single DELETE


def facts(slug: str, *, levels: dict[str, str] | None = None, **fields) -> FrameworkFacts:
    """A FrameworkFacts built by hand, for tests of the pure modules."""
    support = {
        feature: SupportFact(
            feature, level, note="note", source=f"https://{slug}.example.org/{feature}", checked_on=CHECKED
        )
        for feature, level in (levels or {}).items()
    }
    return FrameworkFacts(slug=slug, name=fields.pop("name", slug.title()), support=support, **fields)


def copy_seed(tmp_path: Path) -> Path:
    """A private copy of the seed catalog files, to break on purpose."""
    target = tmp_path / "catalog"
    shutil.copytree(loader.SEED_DIR, target)
    return target


def edit_yaml(path: Path, change) -> None:
    data = fast_yaml.safe_load(path.read_text())
    change(data)
    path.write_text(fast_yaml.safe_dump(data, sort_keys=False))


def make_staff(name: str, group: str | None = "Editors", **fields) -> User:
    """A staff account in one of the editorial groups (Editors, Reviewers, …); group=None: a superuser."""
    if group is None:
        return User.objects.create_superuser(name, password="pw", **fields)
    user = User.objects.create_user(name, password="pw", is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


def page_text(response) -> str:
    """A page's text as a reader sees it: tags removed, entities decoded, whitespace collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


# A sample app for the runner and bench tests: the standard library only, so it starts in any venv.
STDLIB_APP = """\
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

MESSAGE = {message!r}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({{"message": MESSAGE}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


def at_once(work, times: int = 2) -> list:
    """Run `work` in `times` threads released together (each with its own database connection),
    for tests of what concurrent requests do; the results in the order they finished."""
    started = threading.Barrier(times)
    results = []

    def run():
        started.wait()
        try:
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
