import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from frameworks.catalog import revision
from frameworks.editorial import loader
from frameworks.models import Feature, Framework, Support, UseCase, UseCaseFit

from .factories import copy_seed, edit_yaml

pytestmark = pytest.mark.django_db

SEED = loader.SEED_DIR
DESIGN_FRAMEWORKS = {
    "django", "flask", "fastapi", "starlette", "litestar", "sanic", "falcon", "pyramid",
    "tornado", "aiohttp", "bottle", "quart", "django-ninja", "robyn", "blacksheep",
}  # fmt: skip
DESIGN_FEATURES = {
    "async", "orm", "admin", "auth", "templates", "validation", "openapi", "websockets",
    "dependency-injection", "migrations",
    # the second wave (design.md)
    "background-tasks", "type-hints", "caching", "nosql", "graphql", "serialization", "cors",
    "rate-limiting", "forms", "static-files", "sessions", "i18n", "csrf", "security-headers",
    "jwt-oauth2", "sse", "test-client", "cli", "hot-reload", "free-threading",
}  # fmt: skip
DESIGN_USE_CASES = {
    "rest-api", "microservices", "spa-backend", "ml-serving", "real-time", "full-stack", "cms",
    "e-commerce", "prototype", "internal-tools", "learning",
}  # fmt: skip


def test_seed_publishes_every_design_framework_feature_and_use_case():
    assert set(Framework.objects.published().values_list("slug", flat=True)) >= DESIGN_FRAMEWORKS
    assert set(Feature.objects.values_list("slug", flat=True)) >= DESIGN_FEATURES
    assert set(UseCaseFit.objects.values_list("use_case__slug", flat=True)) >= DESIGN_USE_CASES


def test_seed_has_at_least_35_published_frameworks_and_30_features():
    assert Framework.objects.published().count() >= 35
    assert Feature.objects.count() >= 30


def test_every_seed_framework_is_rated_for_every_use_case():
    use_cases = set(UseCase.objects.values_list("slug", flat=True))
    for framework in Framework.objects.prefetch_related("fits__use_case"):
        assert {fit.use_case.slug for fit in framework.fits.all()} == use_cases, framework.slug


def test_every_seed_framework_has_a_support_row_for_every_feature():
    features = Feature.objects.count()
    for framework in Framework.objects.all():
        assert framework.supports.count() == features, framework.slug


def test_every_seed_support_has_https_source_and_checked_on_date():
    for support in Support.objects.select_related("framework", "feature"):
        assert support.source_url.startswith("https://"), support
        assert support.checked_on is not None, support


def test_every_seed_fit_explains_itself():
    for fit in UseCaseFit.objects.select_related("framework", "use_case"):
        assert len(fit.note) > 20, fit
        assert fit.source_url.startswith("https://"), fit


def test_loading_twice_changes_nothing():
    before = list(Support.objects.order_by("pk").values())
    history, number = Support.history.count(), revision.current().number
    loader.load()
    assert list(Support.objects.order_by("pk").values()) == before
    assert Support.history.count() == history  # no empty history entries for unchanged rows
    assert revision.current().number == number  # and cached pages stay valid


def test_broken_file_applies_nothing_and_names_file_record_and_field(tmp_path):
    catalog = copy_seed(tmp_path)
    edit_yaml(catalog / "frameworks" / "flask.yaml", lambda d: d.update(tagline="Changed tagline"))
    edit_yaml(catalog / "frameworks" / "falcon.yaml", lambda d: d["support"]["orm"].update(level="sometimes"))
    with pytest.raises(CommandError) as excinfo:
        call_command("load_catalog", str(catalog))
    message = str(excinfo.value)
    assert "falcon.yaml" in message and "support.orm" in message and "'level'" in message
    assert Framework.objects.get(slug="flask").tagline != "Changed tagline"


def test_a_row_the_database_refuses_applies_nothing_and_names_file_record_and_constraint(tmp_path):
    # Constraints are left to the database (validating them in Python cost a query each): its refusal
    # must still stop the whole load and say where.
    catalog = copy_seed(tmp_path)
    edit_yaml(catalog / "frameworks" / "flask.yaml", lambda d: d.update(tagline="Changed tagline"))
    # "productive in 0 weeks": no field validator says so, the database's check does
    edit_yaml(catalog / "frameworks" / "falcon.yaml", lambda d: d.update(productivity_weeks=[0, 2]))
    with pytest.raises(loader.CatalogError) as excinfo:
        loader.load(catalog)
    message = str(excinfo.value)
    assert "falcon.yaml" in message and "framework_productivity_min_le_max" in message
    assert Framework.objects.get(slug="flask").tagline != "Changed tagline"
    assert Framework.objects.get(slug="falcon").productivity_min_weeks >= 1


def test_unquoted_yes_is_reported_with_a_fix(tmp_path):
    catalog = copy_seed(tmp_path)
    path = catalog / "frameworks" / "django.yaml"
    path.write_text(path.read_text().replace("level: 'yes'", "level: yes").replace('level: "yes"', "level: yes"))
    with pytest.raises(loader.CatalogError, match="quote it"):
        loader.load(catalog)


def test_unknown_feature_slug_is_named(tmp_path):
    catalog = copy_seed(tmp_path)
    edit_yaml(catalog / "frameworks" / "bottle.yaml", lambda d: d["support"].update(teleport=d["support"]["orm"]))
    with pytest.raises(loader.CatalogError, match="bottle.yaml: support.teleport: .*unknown feature slug"):
        loader.load(catalog)


def test_load_export_round_trip_is_lossless(tmp_path):
    exported = tmp_path / "exported"
    call_command("export_catalog", str(exported))
    for name in ("features.yaml", "use_cases.yaml"):
        assert yaml.safe_load((exported / name).read_text()) == _normalised(yaml.safe_load((SEED / name).read_text()))
    assert yaml.safe_load((exported / "tasks.yaml").read_text()) == yaml.safe_load((SEED / "tasks.yaml").read_text())
    for path in sorted((SEED / "frameworks").glob("*.yaml")):
        original = _normalised_framework(yaml.safe_load(path.read_text()))
        assert yaml.safe_load((exported / "frameworks" / path.name).read_text()) == original, path.name
    # and the exported files load back to the same database state
    snapshot = list(Support.objects.order_by("pk").values("framework__slug", "feature__slug", "level", "note"))
    loader.load(exported)
    assert list(Support.objects.order_by("pk").values("framework__slug", "feature__slug", "level", "note")) == snapshot


def _normalised(records):
    for record in records:
        record.setdefault("order", 0)
        record.setdefault("description", "")
        for feature in record.get("features", []):
            feature.setdefault("order", 0)
    return records


def _normalised_framework(data: dict) -> dict:
    data.setdefault("archived", False)
    data.setdefault("source_domains", [])
    data.setdefault("status", "draft")
    for cell in data["support"].values():
        cell.setdefault("confidence", "high")
        for key in ("note", "since"):
            if not cell.get(key):
                cell.pop(key, None)
            else:
                cell[key] = cell[key].strip()
    for fit in data.get("use_cases", {}).values():
        fit.setdefault("checked_on", data["checked_on"])
        fit["note"] = fit["note"].strip()
    data.setdefault("use_cases", {})
    data.pop("code_samples", None)  # samples live as runnable files (samples/), not in the data files
    return data
