import json
from pathlib import Path

import pytest
from django.conf import settings

from frameworks.models import CodeSample, Feature, Framework, Support, UseCase, UseCaseFit

from .factories import make_framework

pytestmark = pytest.mark.django_db


def test_home_shows_catalog_at_a_glance_and_popular_comparisons(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "FastAPI" in html and "Django" in html and "Flask" in html
    assert 'href="/compare/django-vs-flask/"' in html


def test_framework_list_shows_every_published_framework_and_hides_drafts(client):
    make_framework(slug="secret-draft", status="draft", name="Secret Draft")
    html = client.get("/frameworks/").content.decode()
    for framework in Framework.objects.published():
        assert framework.name in html
    assert "Secret Draft" not in html


def test_filter_by_feature_keeps_only_frameworks_with_it_built_in(client):
    response = client.get("/frameworks/", {"feature": "admin"})
    names = [f.name for f in response.context["frameworks"]]
    assert "Django" in names
    assert "Flask" not in names
    expected = Support.objects.filter(feature__slug="admin", level__in=["yes", "plugin"], framework__status="published")
    assert len(names) == expected.count()


def test_filters_combine_and_narrow(client):
    everything = client.get("/frameworks/").context["frameworks"]
    asgi = client.get("/frameworks/", {"interface": "asgi"}).context["frameworks"]
    asgi_with_ws = client.get("/frameworks/", {"interface": "asgi", "feature": "websockets"}).context["frameworks"]
    assert len(everything) > len(asgi) >= len(asgi_with_ws) > 0
    assert all(f.interface in ("asgi", "both") and f.level("websockets") in ("yes", "plugin") for f in asgi_with_ws)


def test_interface_filter_means_can_be_served_that_way(client):
    wsgi = [f.slug for f in client.get("/frameworks/", {"interface": "wsgi"}).context["frameworks"]]
    assert "django" in wsgi and "flask" in wsgi  # Django is filed as "WSGI and ASGI"
    asgi = [f.slug for f in client.get("/frameworks/", {"interface": "asgi"}).context["frameworks"]]
    assert "django" in asgi and "fastapi" in asgi and "flask" not in asgi


def test_every_list_sorts_by_name_case_insensitively(client):
    for url in ("/", "/frameworks/", "/compare/"):
        html = client.get(url).content.decode()
        assert html.index(">aiohttp<") < html.index(">Bottle<") < html.index(">Tornado<"), url


def test_catalog_sorts_by_ecosystem_and_release_with_links_that_keep_the_filters(client):
    response = client.get("/frameworks/", {"sort": "ecosystem", "interface": "wsgi"})
    names = [f.slug for f in response.context["frameworks"]]
    assert names[0] == "django"
    assert 'href="?sort=release&amp;interface=wsgi"' in response.content.decode()  # the filter is kept
    dates = [f.latest_release_date for f in client.get("/frameworks/", {"sort": "release"}).context["frameworks"]]
    assert dates == sorted(dates, reverse=True)


def test_related_comparisons_for_django_include_flask_and_fastapi(client):
    related = [c.title for c in client.get("/frameworks/django/").context["related"]]
    assert "Django vs Flask" in related and "Django vs FastAPI" in related


def test_search_finds_frameworks_features_and_comparisons_without_javascript(client):
    ninja = client.get("/search/", {"q": "ninja"}).content.decode()
    assert 'href="/frameworks/django-ninja/"' in ninja
    websockets = client.get("/search/", {"q": "websockets"}).content.decode()
    assert 'href="/features/websockets/"' in websockets
    versus = client.get("/search/", {"q": "Flask vs Django"}).content.decode()
    assert 'href="/compare/django-vs-flask/"' in versus
    assert 'href="/frameworks/django/"' in client.get("/search/", {"q": "djnago"}).content.decode()
    assert 'action="/search/"' in client.get("/").content.decode()  # the box is in every page's header


def test_filter_by_text_and_license_and_use_case(client):
    assert [f.slug for f in client.get("/frameworks/", {"q": "ninja"}).context["frameworks"]] == ["django-ninja"]
    licensed = client.get("/frameworks/", {"license": "Apache-2.0"}).context["frameworks"]
    assert licensed and all(f.license == "Apache-2.0" for f in licensed)
    cms = client.get("/frameworks/", {"use_case": "cms"}).context["frameworks"]
    assert "django" in [f.slug for f in cms] and all(f.fits["cms"].fit in ("ideal", "good") for f in cms)


def test_unknown_filter_value_shows_the_form_error_with_400(client):
    response = client.get("/frameworks/", {"feature": "telepathy"})
    assert response.status_code == 400
    assert "telepathy is not one of the available choices" in response.content.decode()


def test_framework_page_links_every_fact_to_its_source_and_date(client):
    html = client.get("/frameworks/flask/").content.decode()
    for support in Support.objects.filter(framework__slug="flask").select_related("feature"):
        assert support.source_url in html
        assert support.checked_on.strftime("%Y-%m-%d") in html
        # each cell's level is shown as its word, in the cell's own class, not by colour alone
        assert f'class="level level-{support.level}"' in html
        assert support.get_level_display() in html


def test_framework_page_groups_support_by_category_and_shows_fits(client):
    html = client.get("/frameworks/django/").content.decode()
    assert "Data and back office" in html and "Architecture" in html
    assert "Full-stack web app" in html


def test_feature_page_lists_every_framework_with_level_as_icon_and_word(client):
    response = client.get("/features/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["rows"]) == Framework.objects.published().count()
    assert 'class="level level-yes"' in html and "Built in" in html
    assert response.context["rows"][0].fact.level == "yes"  # strongest first


def test_use_case_page_groups_frameworks_by_fit(client):
    response = client.get("/use-cases/rest-api/")
    groups = response.context["groups"]
    assert groups[0].fit == "ideal"
    assert any(framework.slug == "fastapi" for framework, _ in groups[0].rows)


@pytest.mark.parametrize(
    ("path", "suggested"),
    [("/frameworks/djangoo/", "django"), ("/features/websocket/", "websockets"), ("/use-cases/rest/", "rest-api")],
)
def test_unknown_slug_gets_404_with_closest_suggestions(client, path, suggested):
    response = client.get(path)
    assert response.status_code == 404
    assert f"<code>{suggested}</code>" in response.content.decode()


def test_draft_framework_page_is_not_public(client):
    make_framework(slug="hidden-one", status="draft")
    assert client.get("/frameworks/hidden-one/").status_code == 404


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


# Cold cache: the revision (read once per request) + 8 snapshot reads, one per table.
COLD_PAGE_QUERIES = 9


@pytest.mark.parametrize("url", ["/frameworks/", "/frameworks/django/", "/features/orm/", "/use-cases/cms/", "/"])
def test_page_queries_are_few_and_do_not_grow_with_the_catalog(client, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(COLD_PAGE_QUERIES):
        client.get(url)
    for n in range(5):
        make_framework(slug=f"extra-{n}", levels={"orm": "yes"})
    with django_assert_max_num_queries(COLD_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    # once cached by revision, a page costs a single query
    with django_assert_max_num_queries(1):
        client.get(url)


def test_edit_is_visible_at_once_despite_cache(client):
    assert "Changed tagline for test" not in client.get("/frameworks/flask/").content.decode()
    flask = Framework.objects.get(slug="flask")
    flask.tagline = "Changed tagline for test"
    flask.save()
    assert "Changed tagline for test" in client.get("/frameworks/flask/").content.decode()


def test_feature_index_lists_every_feature_by_category_with_counts(client):
    response = client.get("/features/")
    html = response.content.decode()
    for feature in Feature.objects.select_related("category"):
        assert f'href="/features/{feature.slug}/"' in html and feature.category.name in html
    admin = next(
        row for group in response.context["categories"] for row in group.features if row.feature.slug == "admin"
    )
    assert (
        admin.built_in
        == Support.objects.filter(
            feature__slug="admin", level__in=["yes", "plugin"], framework__status="published"
        ).count()
    )


def test_use_case_index_lists_every_use_case_with_the_frameworks_that_fit(client):
    html = client.get("/use-cases/").content.decode()
    for use_case in UseCase.objects.all():
        assert f'href="/use-cases/{use_case.slug}/"' in html
    django_cms = UseCaseFit.objects.get(framework__slug="django", use_case__slug="cms").fit
    assert django_cms in ("ideal", "good") and 'href="/frameworks/django/"' in html
    assert 'href="/features/"' in html and 'href="/use-cases/"' in html  # in the navigation


def test_samples_page_shows_every_frameworks_code_version_server_and_run_status(client):
    response = client.get("/samples/create-user/")
    assert response.status_code == 200
    html = response.content.decode()
    samples = CodeSample.objects.filter(task__slug="create-user").select_related("framework")
    assert samples.count() >= 35
    for sample in samples:
        assert f'id="sample-{sample.framework.slug}"' in html
        assert f"{sample.framework.name} {sample.version} under {sample.server}" in html or sample.run_ok is not True
    assert 'class="highlight"' in html and "Runs</span>" in html
    assert client.get("/samples/telepathy/").status_code == 404


def test_a_sample_shown_on_the_site_is_the_file_that_ran():
    flask = CodeSample.objects.get(framework__slug="flask", task__slug="create-user")
    assert flask.path == "samples/create-user/flask"
    assert flask.code == (Path(settings.BASE_DIR) / flask.path / "app.py").read_text()
    assert flask.version == "3.1.3" and flask.server == "Gunicorn"


def test_a_failed_run_is_shown_as_failed_with_the_answer_it_got(client):
    CodeSample.objects.filter(framework__slug="bottle", task__slug="hello-json").update(
        run_ok=False, run_detail="got 500 text/html <h1>Critical error</h1>"
    )
    Framework.objects.get(slug="bottle").save()  # any edit moves the revision
    html = client.get("/samples/hello-json/").content.decode()
    assert "Failed its check" in html and "got 500 text/html" in html


def test_feed_lists_a_level_change_made_through_the_admin_with_the_editors_note(admin_client, client):
    support = Support.objects.select_related("feature").get(framework__slug="flask", feature__slug="admin")
    form = {
        "framework": support.framework_id, "feature": support.feature_id, "level": "plugin",
        "note": "Flask-Admin moved into the Pallets-Eco organisation.", "since_version": "",
        "source_url": support.source_url, "checked_on": support.checked_on.isoformat(), "confidence": "high",
        "seen_updated_at": support.updated_at.isoformat(),
    }  # fmt: skip
    assert admin_client.post(f"/admin/frameworks/support/{support.pk}/change/", form).status_code == 302
    for url in ("/feeds/changes/", "/feeds/frameworks/flask/"):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert "Flask · Admin interface: Third-party → Official plugin" in body, url
        assert "Flask-Admin moved into the Pallets-Eco organisation." in body
    assert "Admin interface" not in client.get("/feeds/frameworks/django/").content.decode().split("<entry>")[0]
    assert client.get("/feeds/frameworks/telepathy/").status_code == 404
    html = client.get("/frameworks/flask/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html and "/feeds/frameworks/flask/" in html


def test_benchmarks_page_shows_ratios_with_spread_method_and_raw_data(client, tmp_path, monkeypatch):
    from frameworks.catalog import benchmarks

    results = tmp_path / "bench-results.json"
    results.write_text(
        json.dumps(
            {
                "date": "2026-12-01T10:00:00+00:00",
                "method": {"load_generator": "wrk", "version": "4.1.0", "connections": 16, "seconds": 5, "rounds": 3},
                "machine": {"cores": 2, "cpu model": "Test CPU", "python": "3.12.1"},
                "results": [
                    {"framework": "alpha", "framework_name": "Alpha", "timed": True, "ratio_median": 0.5, "ratio_min": 0.4,
                     "ratio_max": 0.6, "rps_median": 1000, "server": "Uvicorn", "basis": "ASGI on Uvicorn"},
                    {"framework": "beta", "framework_name": "Beta", "timed": False, "reason": "failed its check: got 500"},
                ],
            }
        )
    )  # fmt: skip
    results.with_suffix(".csv").write_text("framework,ratio_median\nalpha,0.5\n")
    monkeypatch.setattr(benchmarks, "RESULTS", results)
    monkeypatch.setattr(benchmarks.load, "__defaults__", (results,))
    html = client.get("/benchmarks/").content.decode()
    assert '0.50 <span class="small">(0.40–0.60)</span>' in html
    assert "Not timed: failed its check: got 500" in html and "Test CPU" in html and "<svg" in html
    assert client.get("/benchmarks/results.csv").content.decode().startswith("framework,ratio_median")
