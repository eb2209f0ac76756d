"""Editors' workflow: frameworks with their support cells and use-case fits inline."""

from django.contrib import admin

from .models import (
    CatalogRevision,
    CodeSample,
    CodingTask,
    FactReport,
    Feature,
    FeatureCategory,
    Framework,
    Support,
    UseCase,
    UseCaseFit,
)


class SupportInline(admin.TabularInline):
    model = Support
    extra = 0
    fields = ["feature", "level", "note", "since_version", "source_url", "checked_on", "confidence"]
    autocomplete_fields = ["feature"]


class UseCaseFitInline(admin.TabularInline):
    model = UseCaseFit
    extra = 0
    fields = ["use_case", "fit", "note", "source_url", "checked_on"]


class CodeSampleInline(admin.StackedInline):
    model = CodeSample
    extra = 0
    fields = ["task", "version", "code", "gives", "source_url", "checked_on"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
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
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "tagline", "summary"]}),
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


@admin.register(FeatureCategory)
class FeatureCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category", "order"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["framework", "feature", "level", "since_version", "checked_on", "confidence"]
    list_filter = ["level", "confidence", "feature", "framework"]
    search_fields = ["framework__name", "feature__name", "note"]
    list_select_related = ["framework", "feature"]
    autocomplete_fields = ["framework", "feature"]


@admin.register(UseCase)
class UseCaseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = ["order"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UseCaseFit)
class UseCaseFitAdmin(admin.ModelAdmin):
    list_display = ["framework", "use_case", "fit", "checked_on"]
    list_filter = ["fit", "use_case", "framework"]
    search_fields = ["framework__name", "use_case__name", "note"]
    list_select_related = ["framework", "use_case"]


@admin.register(CodingTask)
class CodingTaskAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    list_filter = ["created_at"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(CodeSample)
class CodeSampleAdmin(admin.ModelAdmin):
    list_display = ["framework", "task", "version", "checked_on"]
    list_filter = ["task", "framework"]
    search_fields = ["framework__name", "task__title", "code"]
    list_select_related = ["framework", "task"]


@admin.register(CatalogRevision)
class CatalogRevisionAdmin(admin.ModelAdmin):
    list_display = ["number", "changed_at"]
    list_filter = ["changed_at"]
    search_fields = ["number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FactReport)
class FactReportAdmin(admin.ModelAdmin):
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
