"""frameworks.pypi against a real local HTTP server replaying recorded PyPI JSON responses.

tests/data/pypi/{Django,flask,fastapi}.json are trimmed recordings of https://pypi.org/pypi/<name>/json;
the other files there are hand-made variations for the selection rules.
"""

import datetime

import pytest

from frameworks.editorial.pypi import PyPIError, Release, latest_release


@pytest.mark.parametrize(
    ("name", "version", "date", "url"),
    [
        ("Django", "6.1.3", datetime.date(2026, 11, 3), "https://pypi.org/project/Django/6.1.3/"),
        ("flask", "3.1.3", datetime.date(2026, 2, 19), "https://pypi.org/project/Flask/3.1.3/"),
        ("fastapi", "0.165.0", datetime.date(2026, 11, 18), "https://pypi.org/project/fastapi/0.165.0/"),
    ],
)
def test_latest_stable_version_and_date_are_read_from_recorded_response(pypi_server, name, version, date, url):
    assert latest_release(name, base_url=pypi_server) == Release(version=version, date=date, url=url)


def test_prerelease_newer_than_the_stable_release_is_ignored(pypi_server):
    # The file also lists 9.0.dev1 and 9.0a1, and info.version says "9.0a1".
    assert latest_release("prerelease-newer", base_url=pypi_server).version == "6.1.3"


def test_fully_yanked_release_is_ignored(pypi_server):
    # Both files of the newer 9.0 are yanked.
    assert latest_release("yanked-newer", base_url=pypi_server).version == "6.1.3"


def test_invalid_and_fileless_versions_are_skipped_and_partly_yanked_release_counts(pypi_server):
    # 2.0 has no files, "not-a-version" is not a version, 1.10 > 1.9 numerically and keeps one unyanked
    # file; its earliest file has only the plain upload_time, late on 1 March UTC.
    release = latest_release("odd-releases", base_url=pypi_server)

    assert (release.version, release.date) == ("1.10", datetime.date(2025, 3, 1))


def test_package_without_stable_release_raises(pypi_server):
    # 1.0a1 is a pre-release, 0.9 is yanked and 0.8 has no files.
    with pytest.raises(PyPIError, match=r"^no-stable: no stable"):
        latest_release("no-stable", base_url=pypi_server)


def test_unknown_package_raises_not_on_pypi(pypi_server):
    with pytest.raises(PyPIError, match=r"^no-such-package: not on PyPI"):
        latest_release("no-such-package", base_url=pypi_server)


def test_timeout_raises(pypi_server):
    with pytest.raises(PyPIError, match=r"^slow: PyPI did not answer within 0.5s"):
        latest_release("slow", base_url=pypi_server, timeout=0.5)


def test_invalid_json_raises(pypi_server):
    with pytest.raises(PyPIError, match=r"^garbled: PyPI returned invalid JSON"):
        latest_release("garbled", base_url=pypi_server)


def test_url_points_at_pypi_org_even_with_another_base_url(pypi_server):
    release = latest_release("Django", base_url=pypi_server + "/")

    assert release.url == "https://pypi.org/project/Django/6.1.3/"
    assert pypi_server not in release.url
