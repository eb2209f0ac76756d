"""Create the Editors and Reviewers groups with the permissions they had when this was written.

The lists are frozen here on purpose: a fresh database must get the roles as they were at this point
in history. Later changes to the roles come as later migrations (editorial/roles.py is the current truth).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOG = ["framework", "featurecategory", "feature", "support", "usecase", "usecasefit", "codingtask", "codesample"]
EDITORS = (
    [f"{action}_{model}" for model in CATALOG for action in ("add", "change", "view")]
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
GROUPS = {"Editors": EDITORS, "Reviewers": REVIEWERS}


def create_groups(apps, schema_editor):
    # Permissions normally appear after migrate; create them now so the groups are complete.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="frameworks", codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0003_history_publishing_release_proposals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
