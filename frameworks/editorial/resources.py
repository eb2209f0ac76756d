"""Spreadsheet import/export for editors (django-import-export), keyed by slugs, never by database ids.

Imports run every row through the model's validation (`clean_model_instances`) inside one
transaction, so a bad file applies nothing and the error names the row and the field. Status is
export-only: publishing stays a reviewer's decision in the admin.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from ..models import Feature, Framework, Support


class SupportResource(resources.ModelResource):
    framework = fields.Field(attribute="framework", column_name="framework", widget=ForeignKeyWidget(Framework, "slug"))
    feature = fields.Field(attribute="feature", column_name="feature", widget=ForeignKeyWidget(Feature, "slug"))

    class Meta:
        model = Support
        fields = ("framework", "feature", "level", "note", "since_version", "source_url", "checked_on", "confidence")
        import_id_fields = ("framework", "feature")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class FrameworkResource(resources.ModelResource):
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        model = Framework
        fields = (
            "slug",
            "name",
            "status",
            "tagline",
            "summary",
            "website",
            "repository",
            "docs_url",
            "pypi_name",
            "license",
            "first_release",
            "latest_version",
            "latest_release_date",
            "release_source",
            "interface",
            "built_on",
            "facts_source",
            "archived",
            "learning_curve",
            "productivity_min_weeks",
            "productivity_max_weeks",
            "learning_note",
            "learning_source",
            "checked_on",
        )
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
