"""The editorial roles. Editors add and change catalog rows; Reviewers can also publish, delete and
apply version proposals. Neither can manage users or groups: that stays with superusers.

Migration 0004 created the groups with a frozen copy of these lists; a change here needs a new data
migration that calls `ensure_groups`. Tests that flush the database rebuild the groups with it.
"""

from django.apps import apps as global_apps

CATALOG = ["framework", "featurecategory", "feature", "support", "usecase", "usecasefit", "codingtask", "codesample"]
EDITORS = (
    [f"{action}_{model}" for model in CATALOG for action in ("add", "change", "view")]
    # Removing a single cell, fit or sample is part of editing a framework.
    + [f"delete_{model}" for model in ("support", "usecasefit", "codesample")]
    + [f"view_historical{model}" for model in CATALOG]
    + ["view_factreport", "change_factreport", "view_releaseproposal", "view_packagefacts"]
)
REVIEWERS = EDITORS + [
    "publish_framework",
    "delete_framework",
    "delete_feature",
    "delete_featurecategory",
    "delete_usecase",
    "delete_codingtask",
    "change_releaseproposal",
    "change_packagefacts",
    # Unlocking an editor locked out by too many wrong passwords (django-axes).
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
]
GROUPS = {"Editors": EDITORS, "Reviewers": REVIEWERS}


def ensure_groups(apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [name if "." in name else f"frameworks.{name}" for name in codenames]
        permissions = [
            p
            for p in Permission.objects.filter(codename__in=[w.split(".")[1] for w in wanted]).select_related(
                "content_type"
            )
            if f"{p.content_type.app_label}.{p.codename}" in wanted
        ]
        missing = set(wanted) - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions not found for the {name} group: {sorted(missing)}")
        group.permissions.set(permissions)
