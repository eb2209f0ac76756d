"""The real seed catalog (frameworks/seed/), checked ON PURPOSE.

Every other page test builds the catalog it needs with tests/factories.py (`own_catalog`), so an
editor's change to the seed cannot break it. This file is the exception: it asserts what the seed
itself says and what readers were promised about it (expert claims made in issues and on the site's
pages, e.g. "Django's related comparisons include Flask and FastAPI"), against the catalog exactly as `load_catalog` and the sample files load it.
When an editor changes one of these facts on purpose, change the claim here with them; when one of
these fails unexpectedly, the seed, not the code, is what to look at first.

Elsewhere the real seed is also checked on purpose: loading it (tests/test_loader.py), linting it
(tests/test_lint.py) and the wizard's seed-article scenarios (tests/test_recommend.py).
"""

from pathlib import Path

import pytest
from django.conf import settings

from frameworks.domain.listings import POPULAR_PAIRS
from frameworks.domain.vocabulary import GOOD_FITS, MET_LEVELS
from frameworks.models import CodeSample, CodingTask, Framework, PackageFacts, Support, UseCaseFit

pytestmark = pytest.mark.django_db


def slugs(response):
    return [f.slug for f in response.context["frameworks"]]


def level(framework: str, feature: str) -> str:
    return Support.objects.get(framework__slug=framework, feature__slug=feature).level


def fit(framework: str, use_case: str) -> str:
    return UseCaseFit.objects.get(framework__slug=framework, use_case__slug=use_case).fit


def test_the_seed_publishes_every_popular_pair_and_the_home_page_links_them_all(client):
    html = client.get("/").content.decode()
    for pair in POPULAR_PAIRS:
        assert Framework.objects.published().filter(slug__in=pair).count() == 2, pair
        assert f'href="/compare/{"-vs-".join(sorted(pair))}/"' in html, pair
    assert "FastAPI" in html and "Django" in html and "Flask" in html


def test_django_vs_flask_shows_every_cell_sourced_with_rows_that_differ_and_rows_that_do_not(client):
    html = client.get("/compare/django-vs-flask/").content.decode()
    for support in Support.objects.filter(framework__slug__in=["django", "flask"]):
        assert support.source_url in html
    diff = client.get("/compare/django-vs-flask/", {"diff": "1"}).context["comparison"]
    assert diff.difference_count > 0 and diff.hidden_rows > 0


def test_related_comparisons_for_django_include_flask_and_fastapi(client):
    related = [c.title for c in client.get("/frameworks/django/").context["related"]]
    assert "Django vs Flask" in related and "Django vs FastAPI" in related


def test_django_has_an_admin_built_in_and_flask_does_not(client):
    assert level("django", "admin") in MET_LEVELS
    assert level("flask", "admin") not in MET_LEVELS
    admin = slugs(client.get("/frameworks/", {"feature": "admin"}))
    assert "django" in admin and "flask" not in admin


def test_django_serves_wsgi_and_asgi_flask_wsgi_only_fastapi_asgi(client):
    wsgi = slugs(client.get("/frameworks/", {"interface": "wsgi"}))
    asgi = slugs(client.get("/frameworks/", {"interface": "asgi"}))
    assert "django" in wsgi and "flask" in wsgi  # Django is filed as "WSGI and ASGI"
    assert "django" in asgi and "fastapi" in asgi and "flask" not in asgi


def test_django_has_the_largest_wsgi_ecosystem(client):
    assert slugs(client.get("/frameworks/", {"sort": "ecosystem", "interface": "wsgi"}))[0] == "django"


def test_django_async_views_since_3_1(client):
    cell = next(s for s in client.get("/api/v1/frameworks/django/").json()["support"] if s["feature"] == "async")
    assert cell.get("since") == "3.1"


def test_django_fits_content_sites_and_fastapi_is_ideal_for_rest_apis(client):
    assert fit("django", "cms") in GOOD_FITS and fit("django", "full-stack") == "ideal"
    cms = slugs(client.get("/frameworks/", {"use_case": "cms"}))
    assert "django" in cms
    groups = client.get("/use-cases/rest-api/").context["groups"]
    assert groups[0].fit == "ideal" and "fastapi" in [framework.slug for framework, _ in groups[0].rows]
    html = client.get("/frameworks/django/").content.decode()
    assert "Data and back office" in html and "Architecture" in html and "Full-stack web app" in html


def test_search_finds_the_seeds_frameworks_by_part_name_pair_and_misspelling(client):
    assert slugs(client.get("/frameworks/", {"q": "ninja"})) == ["django-ninja"]
    assert 'href="/frameworks/django-ninja/"' in client.get("/search/", {"q": "ninja"}).content.decode()
    assert 'href="/compare/django-vs-flask/"' in client.get("/search/", {"q": "Flask vs Django"}).content.decode()
    assert 'href="/frameworks/django/"' in client.get("/search/", {"q": "djnago"}).content.decode()
    assert client.get("/api/v1/frameworks/fastap/").json()["suggestions"][0] == "fastapi"


def test_lists_of_the_seed_sort_lowercase_names_among_the_others(client):
    for url in ("/", "/frameworks/", "/compare/"):
        html = client.get(url).content.decode()
        assert html.index(">aiohttp<") < html.index(">Bottle<") < html.index(">Tornado<"), url


def test_every_published_seed_framework_has_a_create_user_sample_shown_with_its_run(client):
    published = Framework.objects.published()
    assert published.count() >= 35 and len(client.get("/api/v1/frameworks/").json()["frameworks"]) >= 35
    html = client.get("/samples/create-user/").content.decode()
    samples = CodeSample.objects.filter(task__slug="create-user", framework__in=published).select_related("framework")
    assert samples.count() == published.count()
    for sample in samples:
        assert f'id="sample-{sample.framework.slug}"' in html
        assert f"{sample.framework.name} {sample.version} under {sample.server}" in html or sample.run_ok is not True
    assert CodingTask.objects.get(slug="create-user").title.lower() == "create a user from json"
    html = client.get("/compare/django-vs-fastapi-vs-flask/").content.decode()
    assert "The same task: create a user from json" in html


def test_a_sample_shown_on_the_site_is_the_file_that_ran():
    flask = CodeSample.objects.get(framework__slug="flask", task__slug="create-user")
    assert flask.path == "samples/create-user/flask"
    assert flask.code == (Path(settings.BASE_DIR) / flask.path / "app.py").read_text()
    assert flask.version == "3.1.3" and flask.server == "Gunicorn"


def test_the_recorded_benchmark_measured_django_against_wsgi_and_fastapi_against_asgi(client):
    html = client.get("/compare/django-vs-fastapi/").content.decode()
    assert "Measured throughput" in html and "× a bare ASGI app" in html and "× a bare WSGI app" in html


def test_every_seed_framework_shows_its_python_versions_and_release_chart(client):
    for framework in Framework.objects.published():
        assert PackageFacts.objects.filter(framework=framework, state="applied").exists(), framework.slug
    html = client.get("/frameworks/django/").content.decode()
    assert "CPython 3.12–3.15" in html and "requires-python &gt;=3.12" in html
    assert "No known advisory for 6.1.3 in PyPI's record" in html and "not a statement that it is secure" in html
    assert '<svg viewBox="0 0' in html and "Stable releases of Django per year" in html
    assert "<td>2025</td><td>36</td>" in html  # the same figures as text beside the chart


def test_the_seeds_free_threading_evidence_of_falcon_flask_and_tornado(client):
    assert (
        "Declared (trove classifier) and free-threaded wheels published"
        in client.get("/frameworks/falcon/").content.decode()
    )
    assert "No evidence either way" in client.get("/frameworks/flask/").content.decode()
    assert "Free-threaded wheels published (no classifier)" in client.get("/frameworks/tornado/").content.decode()
