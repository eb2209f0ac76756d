"""Editors add and change catalog rows; Reviewers can also publish, delete and apply version proposals.

Neither group can manage users or groups: that stays with superusers. Permissions are created here
(they normally appear after migrate) so the groups are complete on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOG = ["framework", "featurecategory", "feature", "support", "usecase", "usecasefit", "codingtask", "codesample"]
EDITORS = (
    [f"{action}_{model}" for model in CATALOG for action in ("add", "change", "view")]
    # Removing a single cell, fit or sample is part of editing a framework.
    + [f"delete_{model}" for model in ("support", "usecasefit", "codesample")]
    + [f"view_historical{model}" for model in CATALOG]
    + ["view_factreport", "change_factreport", "view_releaseproposal"]
)
REVIEWERS = EDITORS + [
    "publish_framework",
    "delete_framework",
    "delete_feature",
    "delete_featurecategory",
    "delete_usecase",
    "delete_codingtask",
    "change_releaseproposal",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="frameworks", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found for the {name} group: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0003_history_publishing_release_proposals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
