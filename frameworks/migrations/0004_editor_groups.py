"""Create the Editors and Reviewers groups (see frameworks/roles.py for what each may do)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from frameworks import roles


def create_groups(apps, schema_editor):
    # Permissions normally appear after migrate; create them now so the groups are complete.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.ensure_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(roles.GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0003_history_publishing_release_proposals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
