import datetime

import pytest
from django.core.cache import cache

from frameworks import loader

from .factories import make_framework


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real seed catalog; each test rolls back its changes."""
    with django_db_blocker.unblock():
        loader.load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Revision numbers restart with each test's rolled-back database; a shared cache must not leak.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production uses hashed file names from `collectstatic`; tests render templates without it.
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def framework_factory(db):
    return make_framework
