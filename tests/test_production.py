"""Production under failure and attack: cache outage, cache flooding, hostile hosts, HTTPS settings,
login throttling, report flooding, methods a page does not serve.

The pages named here show two frameworks every test makes with the factories (`quokka` and
`wombat`), so an editor's change to the seed cannot move them."""

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

from frameworks.catalog import page_cache
from frameworks.models import FactReport

from .factories import make_framework

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/frameworks/",
    "/frameworks/quokka/",
    "/features/orm/",
    "/use-cases/cms/",
    "/wizard/",
    "/wizard/results/?use_cases=rest-api&must=openapi",
    "/compare/",
    "/compare/quokka-vs-wombat/",
    "/about/methodology/",
    "/api/v1/frameworks/",
    "/api/v1/compare/?frameworks=quokka,wombat",
    "/api/v1/recommend/?use_cases=rest-api",
    "/api/v1/export/catalog.json",
    "/api/v1/export/support.csv",
]
DEAD_REDIS = {
    "default": {
        "BACKEND": "frameworks.catalog.fail_open_cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
}


@pytest.fixture(autouse=True)
def quokka_and_wombat():
    """The frameworks the pages here name, with the facts the wizard and the recommendations ask for."""
    fits = {"rest-api": "ideal", "cms": "good"}
    make_framework(slug="quokka", name="Quokka", levels={"orm": "yes", "openapi": "yes"}, fits=fits)
    make_framework(slug="wombat", name="Wombat", levels={"orm": "plugin", "openapi": "partial"}, fits=fits)


# A cache that fails open ----------------------------------------------------------------------


def test_every_public_page_answers_while_redis_is_down(client, settings, caplog):
    settings.CACHES = DEAD_REDIS
    with caplog.at_level(logging.WARNING, logger="pickwise.cache"):
        for url in PUBLIC_PAGES:
            assert client.get(url).status_code == 200, url
    warnings = [r for r in caplog.records if r.name == "pickwise.cache"]
    assert len(warnings) <= 1  # logged once per interval, not once per request


def test_healthz_still_reports_a_down_cache(client, settings):
    settings.CACHES = DEAD_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "cache": "down"}


# A cache that cannot be flooded --------------------------------------------------------------


@pytest.fixture
def stored_keys(monkeypatch):
    """Every key the page cache and the snapshot store, however the cache backend keeps them."""
    keys = set()
    original_set, original_put = cache.set, page_cache.stored_pages.put

    def recording_set(key, *args, **kwargs):
        keys.add(key)
        return original_set(key, *args, **kwargs)

    def recording_put(key, page):
        keys.add(key)
        return original_put(key, page)

    monkeypatch.setattr(cache, "set", recording_set)
    monkeypatch.setattr(page_cache.stored_pages, "put", recording_put)
    return keys


@pytest.mark.parametrize("path", ["/", "/compare/quokka-vs-wombat/", "/api/v1/export/catalog.json", "/frameworks/"])
def test_a_thousand_random_query_strings_add_no_cache_entries(client, stored_keys, path):
    client.get(path)
    baseline = len(stored_keys)
    for _ in range(1000):
        assert client.get(path, {"utm": uuid.uuid4().hex, uuid.uuid4().hex[:6]: "x"}).status_code == 200
    assert len(stored_keys) == baseline


def test_junk_values_of_known_parameters_share_one_entry(client, stored_keys):
    client.get("/compare/quokka-vs-wombat/")
    baseline = len(stored_keys)
    for n in range(50):
        client.get("/compare/quokka-vs-wombat/", {"diff": f"junk-{n}"})  # treated as "not 1": the full table
    client.get("/api/v1/compare/", {"frameworks": "quokka,wombat"})
    client.get("/api/v1/compare/", {"frameworks": "wombat,quokka"})  # the same comparison
    assert len(stored_keys) == baseline + 1


def test_free_text_search_is_answered_but_not_stored(client, stored_keys):
    client.get("/frameworks/")
    baseline = len(stored_keys)
    for n in range(20):
        assert client.get("/frameworks/", {"q": f"quokka {n}"}).status_code == 200
    assert len(stored_keys) == baseline


# Host-safe output ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/compare/quokka-vs-wombat/", "/api/v1/frameworks/", "/api/v1/compare/?frameworks=quokka,wombat"]
)
def test_a_hostile_host_never_reaches_the_next_visitor(settings, path):
    settings.ALLOWED_HOSTS = ["*"]  # the worst case: a server that accepts any host
    settings.SITE_URL = "https://pickwise.example"
    attacker = Client(
        HTTP_HOST="evil.example:9999", HTTP_X_FORWARDED_HOST="evil.example", HTTP_X_FORWARDED_PROTO="http"
    )
    assert attacker.get(path).status_code == 200
    visitor = Client(HTTP_HOST="pickwise.example")
    body = visitor.get(path).content.decode()
    assert "evil.example" not in body
    assert "https://pickwise.example/" in body


def test_a_rejected_host_is_one_short_warning(client, caplog):
    hostile = "x" * 5000 + ".example"
    with caplog.at_level(logging.DEBUG, logger="django.security.DisallowedHost"):
        for _ in range(3):
            assert client.get("/", HTTP_HOST=hostile).status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1
    (record,) = records
    assert record.levelname == "WARNING" and record.exc_info is None
    assert len(record.getMessage()) < 200


# HTTPS settings --------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_the_documented_production_settings():
    # The browser suite's Playwright switch is a test-only setting, not part of production.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-production-secret-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "pickwise.example",
        "SITE_URL": "https://pickwise.example",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "BEHIND_PROXY": "1",
    }
    manage = Path(__file__).resolve().parent.parent / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Login throttling --------------------------------------------------------------------------------


def _login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "edna", "password": password})


def test_wrong_passwords_lock_the_account_until_a_reviewer_unlocks_it(settings):
    editor = User.objects.create_user("edna", password="the-right-password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(guesser, "wrong")
    locked = _login(guesser, "the-right-password")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in guesser.session

    reviewer = User.objects.create_user("rita", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    unlocker = Client()
    unlocker.force_login(reviewer)
    attempt = AccessAttempt.objects.get(username="edna")
    response = unlocker.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert _login(guesser, "the-right-password").status_code == 302  # signed in
    assert "_auth_user_id" in guesser.session


def test_thirty_wrong_passwords_from_another_address_do_not_lock_the_editor_out_here():
    User.objects.create_user("edna", password="the-right-password", is_staff=True)
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(30):
        _login(guesser, "wrong")
    assert _login(guesser, "the-right-password").status_code == 429
    assert _login(Client(REMOTE_ADDR="198.51.100.2"), "the-right-password").status_code == 302


# Report flooding ----------------------------------------------------------------------------------


def test_reports_past_the_hourly_limit_are_refused_and_not_stored(settings):
    reader = Client(REMOTE_ADDR="203.0.113.9")
    report = {"framework": "quokka", "details": "The async note is out of date.", "nickname": ""}
    statuses = [reader.post("/about/report/", report).status_code for _ in range(settings.REPORTS_PER_HOUR + 3)]
    assert statuses == [302] * settings.REPORTS_PER_HOUR + [429] * 3
    assert FactReport.objects.count() == settings.REPORTS_PER_HOUR
    refused = reader.post("/about/report/", report).content.decode()
    assert "Nothing was saved" in refused and "The async note is out of date." in refused  # text kept
    assert Client(REMOTE_ADDR="198.51.100.2").post("/about/report/", report).status_code == 302


# Methods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["trace", "options", "post", "put", "delete"])
@pytest.mark.parametrize("path", ["/", "/frameworks/quokka/", "/compare/quokka-vs-wombat/", "/api/v1/frameworks/"])
def test_get_only_pages_refuse_other_methods_with_405(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_an_empty_parameter_is_not_served_the_page_cached_without_it(client):
    assert client.get("/api/v1/compare/", {"frameworks": "quokka,wombat"}).status_code == 200
    assert client.get("/api/v1/compare/?frameworks=quokka,wombat&diff=").status_code == 400
    assert client.get("/api/v1/recommend/").status_code == 200
    assert client.get("/api/v1/recommend/?database=").status_code == 400


def test_with_redis_down_pages_reuse_the_process_snapshot_instead_of_rebuilding_it(
    client, settings, django_assert_max_num_queries
):
    settings.CACHES = DEAD_REDIS
    client.get("/frameworks/quokka/")  # builds the snapshot once
    with django_assert_max_num_queries(1):  # then only the revision is read, whatever the page
        assert client.get("/compare/quokka-vs-wombat/").status_code == 200
