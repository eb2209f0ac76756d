"""The edit guard holds under real concurrency: two simultaneous saves, one wins, the other is told."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from frameworks.editorial import concurrency, publishing
from frameworks.editorial.admin import SupportAdmin
from frameworks.models import Framework, Support

from .factories import make_framework, make_staff

pytestmark = pytest.mark.django_db

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks (PostgreSQL); SQLite lets one transaction write at a time instead",
)


def form(support: Support, seen: str, **changes) -> dict:
    values = {f: getattr(support, f) for f in ("level", "note", "since_version", "source_url", "confidence")}
    return values | {"checked_on": support.checked_on.isoformat(), "seen_updated_at": seen} | changes


@pytest.fixture
def seeded_db(transactional_db, seed_fixture):
    # Threads need committed rows, so this test runs outside the usual rolled-back transaction; the
    # seed brings the vocabulary and the editor groups, the test makes the framework it edits.
    call_command("loaddata", str(seed_fixture), verbosity=0)


@needs_row_locks
def test_two_simultaneous_saves_of_one_cell_one_wins_and_the_other_is_refused_with_the_winners_name(
    seeded_db, monkeypatch
):
    support = make_framework(slug="quokka", levels={"orm": "third-party"}).supports.get(feature__slug="orm")
    url = f"/admin/frameworks/support/{support.pk}/change/"
    seen = support.updated_at.isoformat()  # both editors opened the page on this version
    clients = {}
    for name in ("ann", "bob"):
        clients[name] = Client()
        clients[name].force_login(make_staff(name))

    ann_is_saving, go_on = threading.Event(), threading.Event()
    save_model = SupportAdmin.save_model

    def slow_save_for_ann(self, request, obj, form, change):
        # Ann's request holds its transaction open here, after passing the guard, until Bob's
        # request has reached the guard as well: the race the report describes.
        if request.user.username == "ann":
            ann_is_saving.set()
            go_on.wait(10)
        save_model(self, request, obj, form, change)

    monkeypatch.setattr(SupportAdmin, "save_model", slow_save_for_ann)
    responses = {}

    def post(name, note):
        try:
            responses[name] = clients[name].post(url, form(support, seen, note=f"{note}, ORM via SQLAlchemy."))
        finally:
            connection.close()

    ann = threading.Thread(target=post, args=("ann", "Ann"))
    ann.start()
    assert ann_is_saving.wait(10)
    bob = threading.Thread(target=post, args=("bob", "Bob"))
    bob.start()
    bob.join(1)  # Bob is waiting for Ann's row lock (a broken guard would let him finish now)
    go_on.set()
    ann.join(10)
    bob.join(10)

    assert responses["ann"].status_code == 302
    assert responses["bob"].status_code == 200
    assert "was changed by ann" in responses["bob"].content.decode()
    assert Support.objects.get(pk=support.pk).note.startswith("Ann,")


@needs_row_locks
def test_publishing_waits_for_an_editor_saving_the_same_framework(seeded_db):
    """A cell removed on the framework page while a reviewer publishes it cannot slip past the count."""
    framework = make_framework(slug="quokka", status="draft")
    editing, go_on, outcome = threading.Event(), threading.Event(), {}

    def editor_removes_a_cell():
        try:
            with transaction.atomic():
                concurrency.locked_updated_at(Framework, framework.pk)  # what the framework form does
                framework.supports.filter(feature__slug="orm").delete()
                editing.set()
                go_on.wait(10)
        finally:
            connection.close()

    def reviewer_publishes():
        try:
            published, refused = publishing.publish(Framework.objects.filter(pk=framework.pk))
            outcome["published"], outcome["refused"] = published, refused
        finally:
            connection.close()

    editor = threading.Thread(target=editor_removes_a_cell)
    editor.start()
    assert editing.wait(10)
    reviewer = threading.Thread(target=reviewer_publishes)
    reviewer.start()
    reviewer.join(1)
    go_on.set()
    editor.join(10)
    reviewer.join(10)

    assert outcome["published"] == [] and "missing: ORM" in outcome["refused"][0]
    assert Framework.objects.get(pk=framework.pk).status == "draft"


@pytest.mark.django_db(transaction=True)
def test_the_guard_refuses_to_run_outside_a_transaction():
    """Outside a transaction the lock would end with the read, and the check would race again."""
    with pytest.raises(transaction.TransactionManagementError):
        concurrency.locked_updated_at(Support, 1)
