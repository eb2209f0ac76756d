"""Editors may see PyPI facts proposals; Reviewers may also apply or reject them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = ["view_packagefacts"]
REVIEWERS = ["view_packagefacts", "change_packagefacts"]


def grant(apps, schema_editor):
    app = apps.get_app_config("frameworks")
    app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    app.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="frameworks", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="frameworks", codename__in=REVIEWERS))


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0009_package_facts")]

    operations = [migrations.RunPython(grant, revoke)]
