"""Django finds the admin here; the editors' workflow lives in editorial/."""

from .editorial import admin, admin_package_facts  # noqa: F401
