"""Atom feeds of catalog changes, for the whole catalog and per framework, from the history we keep.

A change worth telling a reader about: a support level changed, a framework was published, a new
release was applied, an advisory was recorded. Each entry says what changed, from what to what, and the editor's note.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..domain.vocabulary import LEVEL_LABELS
from ..models import Framework, PackageFacts, Support
from .templatetags import absolute

RECENT = 300  # history rows read per kind; the feed shows the newest changes among them
ENTRIES = 50


@dataclass(frozen=True)
class Change:
    when: datetime
    title: str
    text: str
    link: str
    key: str  # unique per history row, for the entry id


def _previous_of(rows, model):
    """Map each history row to the row before it for the same object, in two queries, not one per row."""
    ids = {row.id for row in rows}
    earlier = {}
    for row in model.history.filter(id__in=ids).order_by("id", "history_date", "history_id"):
        earlier.setdefault(row.id, []).append(row)
    previous = {}
    for versions in earlier.values():
        for before, after in zip(versions, versions[1:], strict=False):
            previous[after.history_id] = before
    return previous


def _note(row) -> str:
    return f" Editor's note: {row.history_change_reason}" if row.history_change_reason else ""


def level_changes(framework: Framework | None = None) -> list[Change]:
    rows = Support.history.select_related("framework", "feature").order_by("-history_date")
    if framework is not None:
        rows = rows.filter(framework_id=framework.pk)
    rows = list(rows.filter(history_type="~")[:RECENT])
    previous = _previous_of(rows, Support)
    changes = []
    for row in rows:
        before = previous.get(row.history_id)
        if before is None or before.level == row.level or row.framework.status != "published":
            continue
        was, now = LEVEL_LABELS.get(before.level, before.level), LEVEL_LABELS.get(row.level, row.level)
        changes.append(
            Change(
                row.history_date,
                f"{row.framework.name} · {row.feature.name}: {was} → {now}",
                f"{row.note or 'No note.'} Source: {row.source_url}.{_note(row)}",
                reverse("frameworks:framework_detail", args=[row.framework.slug]) + f"#feature-{row.feature.slug}",
                f"support-{row.history_id}",
            )
        )
    return changes


def framework_changes(framework: Framework | None = None) -> list[Change]:
    rows = Framework.history.order_by("-history_date")
    if framework is not None:
        rows = rows.filter(id=framework.pk)
    rows = list(rows[:RECENT])
    previous = _previous_of(rows, Framework)
    changes = []
    for row in rows:
        before = previous.get(row.history_id)
        page = reverse("frameworks:framework_detail", args=[row.slug])
        if row.status == "published" and (before is None or before.status != "published"):
            changes.append(
                Change(
                    row.history_date,
                    f"{row.name} published",
                    f"{row.tagline}{_note(row)}",
                    page,
                    f"publish-{row.history_id}",
                )
            )
        if before is not None and before.latest_version != row.latest_version and row.status == "published":
            changes.append(
                Change(
                    row.history_date,
                    f"{row.name} {row.latest_version} released",
                    f"The catalog now lists {row.latest_version} ({row.latest_release_date:%-d %b %Y}), was {before.latest_version}. "
                    f"Source: {row.release_source}.{_note(row)}",
                    page,
                    f"release-{row.history_id}",
                )
            )
    return changes


def advisory_changes(framework: Framework | None = None) -> list[Change]:
    rows = PackageFacts.objects.filter(state="applied").exclude(advisories=[]).select_related("framework")
    if framework is not None:
        rows = rows.filter(framework=framework)
    changes = []
    for row in rows.order_by("-read_on", "-pk")[:RECENT]:
        ids = ", ".join(a["id"] for a in row.advisories)
        when = row.reviewed_at or datetime.combine(row.read_on, datetime.min.time(), tzinfo=UTC)
        changes.append(
            Change(
                when,
                f"{row.framework.name} {row.version}: {len(row.advisories)} known advisor{'y' if len(row.advisories) == 1 else 'ies'}",
                f"PyPI lists {ids} for {row.version}. Source: {row.source_url}.",
                reverse("frameworks:framework_detail", args=[row.framework.slug]),
                f"advisories-{row.pk}",
            )
        )
    return changes


class CatalogChanges(Feed):
    feed_type = Atom1Feed
    title = "Pickwise: changes to the catalog of Python web frameworks"
    subtitle = "Support levels that changed, frameworks published and new releases, with their sources."

    def link(self):
        return absolute(reverse("frameworks:home"))

    def items(self):
        return sorted(level_changes() + framework_changes() + advisory_changes(), key=lambda c: c.when, reverse=True)[
            :ENTRIES
        ]

    def item_title(self, item: Change):
        return item.title

    def item_description(self, item: Change):
        return item.text

    def item_link(self, item: Change):
        return absolute(item.link)

    def item_guid(self, item: Change):
        return f"pickwise:{item.key}"

    def item_pubdate(self, item: Change):
        return item.when

    def item_updateddate(self, item: Change):
        return item.when


class FrameworkChanges(CatalogChanges):
    def get_object(self, request, slug):
        framework = get_object_or_404(Framework, slug=slug)
        if framework.status != "published":
            raise Http404("No such framework.")
        return framework

    def title(self, framework):
        return f"Pickwise: changes to {framework.name}"

    def link(self, framework):
        return absolute(reverse("frameworks:framework_detail", args=[framework.slug]))

    def items(self, framework):
        return sorted(
            level_changes(framework) + framework_changes(framework) + advisory_changes(framework),
            key=lambda c: c.when,
            reverse=True,
        )[:ENTRIES]
