"""Editors' workflow: validated, audited (history with revert), bulk-editable and kept fresh.

Editors add and change catalog rows; reviewers (the `publish_framework` permission) also publish
and decide each framework's allow-list of sources. Business rules live in plain modules
(publishing, freshness, releases, revert, imports, sources); this file wires them in.
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import BadRequest
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..models import (
    CatalogRevision,
    CodeSample,
    CodingTask,
    FactReport,
    Feature,
    FeatureCategory,
    Framework,
    ReleaseProposal,
    StaleSupport,
    Support,
    UseCase,
    UseCaseFit,
)
from . import freshness, publishing, releases
from .admin_forms import ConcurrencyGuardForm, FrameworkForm, InlineConcurrencyGuardForm, SupportInlineFormSet
from .admin_history import RevertableHistoryAdmin
from .admin_spreadsheets import SpreadsheetAdmin
from .resources import FrameworkResource, SupportResource

PUBLISH = "frameworks.publish_framework"

admin.site.site_header = admin.site.site_title = "Pickwise editors"
admin.site.index_title = "Catalog and editors' tools"


class SearchWithoutNul:
    """PostgreSQL text cannot hold a NUL character: a search term or list filter with one would be a
    500. Nothing in the catalog contains one, so a search drops it (the autocomplete sends what is
    typed) and a list URL with one in a filter is a bad request."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def changelist_view(self, request, extra_context=None):
        filters = [(key, values) for key, values in request.GET.lists() if key != SEARCH_VAR]
        if any("\x00" in key or "\x00" in value for key, values in filters for value in values):
            raise BadRequest("A list filter holds a NUL character.")
        return super().changelist_view(request, extra_context)


class CatalogAdmin(SearchWithoutNul, RevertableHistoryAdmin):
    """Every catalog row has a History page (who changed what, when) with revert, and refuses to
    overwrite an edit saved after the editor opened the page."""

    form = ConcurrencyGuardForm


class CompactRows(admin.TabularInline):
    """A row per cell that fits the page: a plain URL box, without the "Currently: <link>" the admin
    adds above it (the link is on the cell's own page), and narrow fields (static/css/admin.css)."""

    formfield_overrides = {models.URLField: {"widget": forms.URLInput(attrs={"class": "vURLField"})}}


class SupportInline(CompactRows):
    model = Support
    form = InlineConcurrencyGuardForm
    formset = SupportInlineFormSet
    extra = 0
    fields = ["feature", "level", "note", "since_version", "source_url", "checked_on", "confidence", "seen_updated_at"]
    autocomplete_fields = ["feature"]


class UseCaseFitInline(CompactRows):
    model = UseCaseFit
    form = InlineConcurrencyGuardForm
    extra = 0
    fields = ["use_case", "fit", "note", "source_url", "checked_on", "seen_updated_at"]


class CodeSampleInline(admin.StackedInline):
    model = CodeSample
    form = InlineConcurrencyGuardForm
    extra = 0
    fields = ["task", "version", "code", "gives", "source_url", "checked_on", "seen_updated_at"]


@admin.action(description="Mark the selected facts checked today", permissions=["change"])
def mark_checked_today(modeladmin, request, queryset):
    # Through Support itself, so history and the catalog revision follow (proxy saves would not).
    supports = Support.objects.filter(pk__in=queryset.values("pk"))
    count = freshness.mark_checked(supports, today=timezone.localdate())
    modeladmin.message_user(request, f"{count} fact(s) marked as checked today.", messages.SUCCESS)


@admin.register(Framework)
class FrameworkAdmin(SpreadsheetAdmin, CatalogAdmin):
    form = FrameworkForm
    resource_classes = [FrameworkResource]
    list_display = [
        "name",
        "slug",
        "status",
        "interface",
        "license",
        "latest_version",
        "latest_release_date",
        "checked_on",
    ]
    list_filter = ["status", "interface", "learning_curve", "license"]
    search_fields = ["name", "slug", "tagline", "pypi_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SupportInline, UseCaseFitInline, CodeSampleInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "tagline", "summary", "seen_updated_at"]}),
        ("Links", {"fields": ["website", "repository", "docs_url", "pypi_name"]}),
        (
            "Facts",
            {
                "fields": [
                    "license",
                    "first_release",
                    "latest_version",
                    "latest_release_date",
                    "release_source",
                    "interface",
                    "built_on",
                    "facts_source",
                    "archived",
                    "checked_on",
                    "source_domains",
                ]
            },
        ),
        (
            "Ecosystem",
            {
                "fields": [
                    "ecosystem_packages",
                    "ecosystem_measure",
                    "ecosystem_estimated",
                    "ecosystem_source",
                    "ecosystem_checked_on",
                ]
            },
        ),
        (
            "Learning",
            {
                "fields": [
                    "learning_curve",
                    "productivity_min_weeks",
                    "productivity_max_weeks",
                    "learning_note",
                    "learning_source",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Editors prepare drafts; only reviewers decide what the public sees, and which sites an
        # existing framework's facts may cite (an Editor proposes the list for a new framework).
        if request.user.has_perm(PUBLISH):
            return []
        return ["status"] if obj is None else ["status", "source_domains"]

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)

    @admin.action(description="Publish the selected frameworks", permissions=["publish"])
    def publish_selected(self, request, queryset):
        published, refused = publishing.publish(queryset)
        if published:
            self.message_user(request, f"Published: {', '.join(f.name for f in published)}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description="Unpublish the selected frameworks (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = publishing.unpublish(queryset)
        self.message_user(request, f"{count} framework(s) moved back to draft.", messages.SUCCESS)


@admin.register(FeatureCategory)
class FeatureCategoryAdmin(CatalogAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feature)
class FeatureAdmin(CatalogAdmin):
    list_display = ["name", "slug", "category", "order"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Support)
class SupportAdmin(SpreadsheetAdmin, CatalogAdmin):
    resource_classes = [SupportResource]
    list_display = ["framework", "feature", "level", "since_version", "checked_on", "confidence"]
    list_filter = ["level", "confidence", "feature", "framework"]
    search_fields = ["framework__name", "feature__name", "note"]
    list_select_related = ["framework", "feature"]
    autocomplete_fields = ["framework", "feature"]
    fields = [
        "framework",
        "feature",
        "level",
        "note",
        "since_version",
        "source_url",
        "checked_on",
        "confidence",
        "seen_updated_at",
    ]
    actions = [mark_checked_today]

    def get_readonly_fields(self, request, obj=None):
        # A cell is one framework × feature: moving it would leave a published framework without
        # the feature. Delete it and add the other one instead.
        return ["framework", "feature"] if obj is not None else []


@admin.register(StaleSupport)
class StaleSupportAdmin(SearchWithoutNul, admin.ModelAdmin):
    """The facts most in need of re-reading: checked longest ago first, past the freshness limit."""

    list_display = ["checked_on", "age", "framework", "feature", "level", "source", "edit"]
    list_filter = ["framework", "feature", "level"]
    search_fields = ["framework__name", "feature__name", "note"]
    list_display_links = None
    actions = [mark_checked_today]

    def get_queryset(self, request):
        return freshness.stale_supports(today=timezone.localdate())

    def get_ordering(self, request):
        return freshness.STALE_ORDER  # the changelist re-orders whatever get_queryset returns

    # Permissions follow Support's: a stale fact is a Support cell seen through a filter.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("frameworks.view_support")

    def has_change_permission(self, request, obj=None):
        return obj is None and request.user.has_perm("frameworks.change_support")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="days since checked")
    def age(self, support):
        return (timezone.localdate() - support.checked_on).days

    @admin.display(description="source")
    def source(self, support):
        # The host is enough to recognise the source in a list; the full URL is on the link.
        return format_html(
            '<a href="{}" rel="noopener">{}</a>', support.source_url, urlsplit(support.source_url).hostname
        )

    @admin.display(description="")
    def edit(self, support):
        return format_html('<a href="{}">Edit</a>', reverse("admin:frameworks_support_change", args=[support.pk]))


@admin.register(UseCase)
class UseCaseAdmin(CatalogAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UseCaseFit)
class UseCaseFitAdmin(CatalogAdmin):
    list_display = ["framework", "use_case", "fit", "checked_on"]
    list_filter = ["fit", "use_case", "framework"]
    search_fields = ["framework__name", "use_case__name", "note"]
    list_select_related = ["framework", "use_case"]


@admin.register(CodingTask)
class CodingTaskAdmin(CatalogAdmin):
    list_display = ["title", "slug"]
    list_filter = ["created_at"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(CodeSample)
class CodeSampleAdmin(CatalogAdmin):
    list_display = ["framework", "task", "version", "checked_on"]
    list_filter = ["task", "framework"]
    search_fields = ["framework__name", "task__title", "code"]
    list_select_related = ["framework", "task"]


@admin.register(CatalogRevision)
class CatalogRevisionAdmin(SearchWithoutNul, admin.ModelAdmin):
    list_display = ["number", "changed_at"]
    list_filter = ["changed_at"]
    search_fields = ["number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FactReport)
class FactReportAdmin(SearchWithoutNul, admin.ModelAdmin):
    list_display = ["created_at", "framework", "feature", "short_details", "state"]
    list_filter = ["state", "framework", "feature"]
    search_fields = ["details", "suggested_source", "editor_note"]
    list_editable = ["state"]
    readonly_fields = ["framework", "feature", "details", "suggested_source", "email", "created_at"]
    fields = readonly_fields + ["state", "editor_note"]
    date_hierarchy = "created_at"

    @admin.display(description="what is wrong")
    def short_details(self, report):
        return report.details if len(report.details) <= 90 else report.details[:87] + "…"

    def has_add_permission(self, request):
        return False  # reports come from readers, through the public form


@admin.register(ReleaseProposal)
class ReleaseProposalAdmin(SearchWithoutNul, admin.ModelAdmin):
    """Versions found on PyPI by `refresh_versions`; nothing reaches the catalog until applied here."""

    list_display = ["framework", "catalog_version", "catalog_date", "version", "release_date", "pypi_page", "state"]
    list_filter = ["state", "framework"]
    search_fields = ["framework__name", "version"]
    list_select_related = ["framework"]
    readonly_fields = [
        "framework",
        "catalog_version",
        "catalog_date",
        "version",
        "release_date",
        "source_url",
        "state",
        "proposed_at",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["apply_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="PyPI page")
    def pypi_page(self, proposal):
        return format_html('<a href="{}" rel="noopener">check</a>', proposal.source_url)

    @admin.action(description="Apply the selected proposals to their frameworks", permissions=["change"])
    def apply_selected(self, request, queryset):
        count = releases.apply(queryset, user=request.user)
        self.message_user(request, f"{count} release(s) applied.", messages.SUCCESS)

    @admin.action(description="Reject the selected proposals", permissions=["change"])
    def reject_selected(self, request, queryset):
        count = releases.reject(queryset, user=request.user)
        self.message_user(request, f"{count} proposal(s) rejected.", messages.SUCCESS)
