"""PyPI facts on the pages: Python versions, free-threading, advisories and releases per year, read
from PyPI as proposals that a Reviewer applies.

The frameworks are made with the factories, their facts read from the recordings in
tests/data/pypi/facts/ (named after the real projects); tests/test_seed_catalog.py checks the seed's own facts."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from frameworks.editorial import package_facts
from frameworks.models import Framework, PackageFacts

from .factories import make_framework

pytestmark = pytest.mark.django_db


def with_applied_facts(pypi_server, slug: str, recording: str) -> Framework:
    """A framework whose PyPI facts were read from tests/data/pypi/facts/<recording>.json and applied."""
    framework = make_framework(slug=slug, name=slug.title(), pypi_name=recording)
    call_command("refresh_pypi_facts", slug, index_url=f"{pypi_server}/facts")
    assert package_facts.apply(PackageFacts.objects.filter(framework=framework), user=None) == 1
    return framework


def test_a_framework_shows_its_python_versions_and_release_chart(client, pypi_server):
    with_applied_facts(pypi_server, "quokka", "falcon")  # falcon 4.4.0: >=3.9, no advisory, 12 releases in 2013
    html = client.get("/frameworks/quokka/").content.decode()
    assert "CPython 3.9–3.15" in html and "requires-python &gt;=3.9" in html
    assert "No known advisory for 4.4.0 in PyPI's record" in html and "not a statement that it is secure" in html
    assert '<svg viewBox="0 0' in html and "Stable releases of Quokka per year" in html
    assert "<td>2013</td><td>12</td>" in html  # the same figures as text beside the chart


def test_free_threading_is_said_as_evidence_never_stronger(client, pypi_server):
    with_applied_facts(pypi_server, "declares", "falcon")  # classifier and cp314t wheels
    with_applied_facts(pypi_server, "pure", "bottle")  # a py3-none-any wheel only
    with_applied_facts(pypi_server, "ships", "aiohttp")  # cp314t wheels, no classifier
    assert (
        "Declared (trove classifier) and free-threaded wheels published"
        in client.get("/frameworks/declares/").content.decode()
    )
    assert "No evidence either way" in client.get("/frameworks/pure/").content.decode()
    assert "Free-threaded wheels published (no classifier)" in client.get("/frameworks/ships/").content.decode()


def test_refresh_files_a_proposal_that_reaches_the_page_only_when_a_reviewer_applies_it(pypi_server, capsys):
    make_framework(slug="ecdsa-web", pypi_name="ecdsa", name="Ecdsa Web")
    call_command("refresh_pypi_facts", "ecdsa-web", index_url=f"{pypi_server}/facts")
    assert "Proposed: Ecdsa Web" in capsys.readouterr().out
    proposal = PackageFacts.objects.get(framework__slug="ecdsa-web", state="pending")
    assert proposal.advisories and proposal.source_url.startswith("https://pypi.org/project/ecdsa/")
    reader = Client()
    assert "Not read from PyPI yet" in reader.get("/frameworks/ecdsa-web/").content.decode()

    reviewer = User.objects.create_user("rita", password="pw", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    admin = Client()
    admin.force_login(reviewer)
    admin.post("/admin/frameworks/packagefacts/", {"action": "apply_selected", "_selected_action": [proposal.pk]})
    html = reader.get("/frameworks/ecdsa-web/").content.decode()
    first = proposal.advisories[0]["id"]
    assert first in html and "No fix listed" in html
    assert first in reader.get("/feeds/frameworks/ecdsa-web/").content.decode()

    call_command("refresh_pypi_facts", "ecdsa-web", index_url=f"{pypi_server}/facts")  # nothing new: no second proposal
    assert PackageFacts.objects.filter(framework__slug="ecdsa-web", state="pending").count() == 0


def test_an_editor_cannot_apply_pypi_facts(pypi_server):
    make_framework(slug="falcon-like", pypi_name="falcon")
    call_command("refresh_pypi_facts", "falcon-like", index_url=f"{pypi_server}/facts")
    proposal = PackageFacts.objects.get(framework__slug="falcon-like")
    editor = User.objects.create_user("edna", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    client.post("/admin/frameworks/packagefacts/", {"action": "apply_selected", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.state == "pending"


def test_pypi_failures_are_reported_not_raised(pypi_server, capsys):
    make_framework(slug="nowhere", pypi_name="does-not-exist")
    call_command("refresh_pypi_facts", "nowhere", index_url=f"{pypi_server}/facts")
    assert "Not read: Nowhere" in capsys.readouterr().err
