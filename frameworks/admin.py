"""Django finds the admin here; the editors' workflow lives in editorial/admin.py."""

from .editorial import admin  # noqa: F401
