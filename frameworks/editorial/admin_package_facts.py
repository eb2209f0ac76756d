"""Admin for PyPI facts proposals: Reviewers apply or reject what `refresh_pypi_facts` read."""

from django.contrib import admin, messages
from django.utils.html import format_html

from ..models import PackageFacts
from . import package_facts


@admin.register(PackageFacts)
class PackageFactsAdmin(admin.ModelAdmin):
    list_display = [
        "framework",
        "version",
        "python",
        "free_threading",
        "advisory_count",
        "read_on",
        "pypi_page",
        "state",
    ]
    list_filter = ["state", "free_threading_declared", "framework"]
    search_fields = ["framework__name", "version"]
    list_select_related = ["framework"]
    readonly_fields = [f.name for f in PackageFacts._meta.fields if f.name != "id"]
    actions = ["apply_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False  # facts come from PyPI, through refresh_pypi_facts

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("frameworks.change_packagefacts")

    @admin.display(description="Python")
    def python(self, facts):
        return ", ".join(facts.python_versions) or "?"

    @admin.display(description="free-threading")
    def free_threading(self, facts):
        if facts.free_threading_declared or facts.free_threading_ships:
            return "declared" if facts.free_threading_declared else "wheels"
        return "no evidence" if facts.free_threading_ships is None else "no"

    @admin.display(description="advisories")
    def advisory_count(self, facts):
        return len(facts.advisories)

    @admin.display(description="PyPI page")
    def pypi_page(self, facts):
        return format_html('<a href="{}" rel="noopener">check</a>', facts.source_url)

    @admin.action(description="Apply the selected facts to their frameworks", permissions=["change"])
    def apply_selected(self, request, queryset):
        count = package_facts.apply(queryset, user=request.user)
        self.message_user(request, f"{count} set(s) of facts applied.", messages.SUCCESS)

    @admin.action(description="Reject the selected facts", permissions=["change"])
    def reject_selected(self, request, queryset):
        count = package_facts.reject(queryset, user=request.user)
        self.message_user(request, f"{count} set(s) of facts rejected.", messages.SUCCESS)
