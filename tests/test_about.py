"""The methodology page and the report-a-wrong-fact form."""

import pytest
from django.utils.html import escape

from frameworks.domain.vocabulary import LEVELS
from frameworks.models import FactReport

from .factories import make_framework

pytestmark = pytest.mark.django_db

METHODOLOGY = "/about/methodology/"
REPORT = "/about/report/"


def test_methodology_defines_every_level_with_an_anchor(client):
    html = client.get(METHODOLOGY).content.decode()
    for level in LEVELS:
        assert f'id="level-{level.slug}"' in html, level
        assert level.label in html and escape(level.meaning) in html


def test_methodology_links_ranking_open_data_license_and_report_form(client):
    html = client.get(METHODOLOGY).content.decode()
    for href in ("/wizard/how-we-rank/", "/api/v1/export/catalog.json", "/api/v1/export/support.csv", REPORT):
        assert f'href="{href}"' in html, href
    assert 'rel="license"' in html and "CC BY 4.0" in html
    assert "12 months" in html and "24 months" in html  # the maintenance rule


def test_level_legend_links_the_methodology(client):
    html = client.get("/features/orm/").content.decode()
    assert 'href="/about/methodology/#levels"' in html


def test_unknown_cell_is_shown_as_unknown_not_as_no(client, own_catalog):
    make_framework(slug="quokka", levels={"websockets": "unknown"})
    make_framework(slug="wombat", levels={"websockets": "no"})
    html = client.get("/frameworks/quokka/").content.decode()
    row = html[html.index('href="/features/websockets/"') :]
    row = row[: row.index("</tr>")]
    assert "level-unknown" in row and "Unknown" in row
    assert "level-no" not in row
    compare = client.get("/compare/quokka-vs-wombat/").content.decode()
    row = compare[compare.index('href="/features/websockets/"') :]
    row = row[: row.index("</tr>")]
    assert "level-unknown" in row and "level-no" in row  # each framework's own cell


@pytest.fixture
def quokka(db):
    return make_framework(slug="quokka", name="Quokka")


def test_framework_page_links_a_prefilled_report(client, quokka):
    html = client.get("/frameworks/quokka/").content.decode()
    assert 'href="/about/report/?framework=quokka"' in html
    form = client.get(REPORT, {"framework": "quokka", "feature": "orm"}).content.decode()
    assert '<option value="quokka" selected>' in form and '<option value="orm" selected>' in form


def test_a_report_is_saved_for_the_editors(client, quokka):
    response = client.post(
        REPORT,
        {
            "framework": "quokka",
            "feature": "async",
            "details": "Quokka 3.2 changed how async views run.",
            "suggested_source": "https://quokka.example.org/docs/async/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/about/report/thanks/"
    report = FactReport.objects.get()
    assert report.framework == quokka and report.feature.slug == "async" and report.state == "new"
    assert report.details == "Quokka 3.2 changed how async views run."
    assert "Thank you" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"details": ""}, "details", "This field is required"),
        ({"suggested_source": "http://example.com"}, "suggested_source", "https://"),
        ({"framework": "no-such-framework"}, "framework", "Select a valid choice"),
        ({"nickname": "buy-now"}, "nickname", "Leave this field empty"),
    ],
)
def test_a_bad_report_shows_the_form_with_the_error_and_saves_nothing(client, quokka, changes, field, message):
    data = {"framework": "quokka", "details": "Something is off.", "suggested_source": ""} | changes
    response = client.post(REPORT, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Something is off." in response.content.decode() or changes.get("details") == ""
    assert not FactReport.objects.exists()
