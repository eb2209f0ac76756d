import pytest
from django.contrib.auth.models import Group, User

from frameworks.models import Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def notes(reader) -> str:
    """Every cell note on the page, including those in sections a reader has not opened."""
    return "\n".join(reader.locator(".cell-note").all_text_contents())


@pytest.fixture
def editor_account(seeded_live_server):
    user = User.objects.create_user("edna", password=PASSWORD, is_staff=True, first_name="Edna", last_name="Editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editor_reverts_a_cell_from_its_history_and_the_comparison_shows_the_old_text(
    seeded_live_server, editor_account, page
):
    base = seeded_live_server.url
    support = Support.objects.get(framework__slug="flask", feature__slug="admin")
    support.save()  # its first recorded version (the seed is restored without history)
    original = support.note

    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{base}/admin/frameworks/support/{support.pk}/change/")
    page.get_by_label("Note").fill("A wrong note, saved by mistake in a browser test.")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    reader = page.context.browser.new_context().new_page()
    reader.goto(f"{base}/compare/django-vs-flask/")  # cached for readers now, with the mistake
    assert "saved by mistake" in notes(reader)

    page.goto(f"{base}/admin/frameworks/support/{support.pk}/history/")
    history = page.locator("#change-history")
    assert "Edna Editor" in history.inner_text()
    history.get_by_role("link", name="View or revert").last.click()  # the oldest version
    differences = page.locator(".revert-differences").inner_text()
    assert "saved by mistake" in differences and original[:40] in differences
    page.get_by_label("Why revert?").fill("The new note was typed into the wrong cell.")
    page.get_by_role("button", name="Revert").click()

    assert "was reverted to" in page.locator(".messagelist").inner_text()
    assert "wrong cell" in page.locator("#change-history").inner_text()
    reader.context.close()
    reader = page.context.browser.new_context().new_page()  # a new reader: no copy in the browser's cache
    reader.goto(f"{base}/compare/django-vs-flask/")
    assert "saved by mistake" not in notes(reader)
    assert original in notes(reader)
    reader.context.close()
