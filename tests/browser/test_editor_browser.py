import pytest
from django.contrib.auth.models import Group, User

from frameworks.models import Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_account(seeded_live_server):
    user = User.objects.create_user("edna", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editor_logs_in_edits_a_support_cell_and_sees_it_on_the_comparison(seeded_live_server, editor_account, page):
    base = seeded_live_server.url
    page.goto(f"{base}/compare/django-vs-flask/")  # the page is cached for anonymous readers now
    support = Support.objects.get(framework__slug="flask", feature__slug="admin")

    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/admin/frameworks/support/{support.pk}/change/")
    page.get_by_label("Note").fill("Flask-Admin, community-maintained; edited in a browser test.")
    page.get_by_label("Since version").fill("3.0")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    reader = page.context.browser.new_context().new_page()  # signed out, so served from the cache
    reader.goto(f"{base}/compare/django-vs-flask/")
    row = reader.locator("#compare-table tr.feature-row", has_text="Admin interface")
    assert "since 3.0" in row.inner_text()  # the level line shows at a glance
    row.locator("summary").nth(1).click()  # Flask's column: the note sits behind "Note and source"
    assert row.get_by_text("edited in a browser test").is_visible()
    reader.context.close()
