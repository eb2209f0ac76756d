"""Reviewers may unlock an account locked by login throttling (django-axes access attempts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UNLOCK = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, apps=apps, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*Permission.objects.filter(content_type__app_label="axes", codename__in=UNLOCK))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Reviewers"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="axes", codename__in=UNLOCK))


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0005_slug_help_text"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
