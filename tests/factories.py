"""Small builders for catalog rows and for hand-made snapshots."""

import datetime
import itertools
import shutil
from pathlib import Path

import yaml

from frameworks.domain.snapshot import FrameworkFacts, SupportFact
from frameworks.editorial import loader
from frameworks.models import Feature, Framework, Support

_counter = itertools.count(1)
CHECKED = datetime.date(2026, 11, 1)


def make_framework(*, slug: str | None = None, levels: dict[str, str] | None = None, **fields) -> Framework:
    """A published framework with a Support row for every feature (level "no" unless given)."""
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
    } | fields
    framework = Framework.objects.create(slug=slug, **values)
    levels = levels or {}
    for feature in Feature.objects.all():
        level = levels.get(feature.slug, "no")
        Support.objects.create(
            framework=framework,
            feature=feature,
            level=level,
            note="" if level in ("yes", "no", "unknown") else "Test note naming what is missing.",
            source_url=f"https://{slug}.example.org/docs/{feature.slug}/",
            checked_on=CHECKED,
        )
    return framework


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
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
