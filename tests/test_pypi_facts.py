"""frameworks.editorial.pypi_facts on recorded PyPI JSON, without the network.

tests/data/pypi/facts/README.md says where each recording came from and what was trimmed; the
parsers get the recordings directly, read_facts gets them from a local HTTP server.
"""

import copy
import datetime
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from frameworks.editorial.pypi import PyPIError
from frameworks.editorial.pypi_facts import (
    Advisory,
    FreeThreading,
    PythonSupport,
    advisories,
    free_threading,
    latest_stable,
    python_support,
    read_facts,
    release_years,
)

DATA = Path(__file__).parent / "data" / "pypi"
FACTS = DATA / "facts"
ALL_MINORS = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15")


def load(name, folder=FACTS):
    return json.loads((folder / f"{name}.json").read_text())


def release(version, classifiers=(), requires_python=None, vulnerabilities=()):
    """A minimal release JSON, as https://pypi.org/pypi/<name>/<version>/json shapes it."""
    info = {"name": "example", "version": version, "requires_python": requires_python, "classifiers": list(classifiers)}
    return {"info": info, "vulnerabilities": list(vulnerabilities)}


def files(*filenames, yanked=False):
    return [{"filename": f, "upload_time_iso_8601": "2026-01-01T00:00:00Z", "yanked": yanked} for f in filenames]


# --- latest_stable ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recording", "version"), [("falcon", "4.4.0"), ("bottle", "0.13.4"), ("ecdsa", "0.19.2"), ("aiohttp", "3.14.5")]
)
def test_latest_stable_release_of_each_recording(recording, version):
    assert latest_stable(load(recording)).version == version


def test_yanked_releases_newer_than_the_latest_stable_are_ignored():
    # aiohttp's real 4.0.0a0 and 4.0.0a1 are yanked (and pre-releases); the hand-made yanked-newer.json
    # of test_pypi has a fully yanked stable 9.0 above 6.1.3.
    assert {"4.0.0a0", "4.0.0a1"} <= set(load("aiohttp")["releases"])
    assert latest_stable(load("aiohttp")).version == "3.14.5"
    assert latest_stable(load("yanked-newer", DATA)).version == "6.1.3"


def test_latest_stable_keeps_the_release_files():
    latest = latest_stable(load("falcon"))

    assert len(latest.files) == 10
    assert "falcon-4.4.0.tar.gz" in {f["filename"] for f in latest.files}


# --- python_support --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recording", "expected"),
    [
        ("falcon", PythonSupport(">=3.9", ALL_MINORS, ALL_MINORS, "requires_python")),
        (
            "aiohttp",
            PythonSupport(">=3.10", ("3.10", "3.11", "3.12", "3.13", "3.14"), ALL_MINORS[1:], "requires_python"),
        ),
        (
            "ecdsa",
            PythonSupport(
                "!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,>=2.6",
                ("2.6", "2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"),
                ALL_MINORS,
                "requires_python",
            ),
        ),
        # bottle 0.13.4 has no Requires-Python: the minors come from its classifiers (2.7 and 3.8 are outside the window).
        (
            "bottle",
            PythonSupport(None, ("2.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"), ALL_MINORS[:5], "classifiers"),
        ),
    ],
)
def test_python_support_of_each_recording(recording, expected):
    assert python_support(load(recording)) == expected


def test_python_support_reads_a_release_json_too():
    assert python_support(load("falcon-4.4.0")) == python_support(load("falcon"))


@pytest.mark.parametrize(
    ("specifier", "minors"),
    [
        (">=3.9.2", ALL_MINORS),  # 3.9.0 is excluded but later 3.9 patches are not
        (">=3.10,<3.13", ("3.10", "3.11", "3.12")),
        (">=3.9,!=3.10.*", ("3.9", "3.11", "3.12", "3.13", "3.14", "3.15")),
        ("~=3.11", ("3.11", "3.12", "3.13", "3.14", "3.15")),
        ("<3", ()),
    ],
)
def test_minors_follow_the_specifier_not_the_classifiers(specifier, minors):
    data = release("1.0", ["Programming Language :: Python :: 3.9"], requires_python=specifier)

    assert python_support(data).minors == minors


def test_only_and_implementation_classifiers_are_not_versions():
    data = release(
        "1.0",
        [
            "Programming Language :: Python :: 3",
            "Programming Language :: Python :: 3 :: Only",
            "Programming Language :: Python :: 3.12",
            "Programming Language :: Python :: Implementation :: CPython",
            "Programming Language :: Python :: Free Threading :: 3 - Stable",
        ],
        requires_python="",
    )

    assert python_support(data) == PythonSupport(None, ("3.12",), ("3.12",), "classifiers")


def test_no_specifier_and_no_version_classifiers_says_nothing():
    assert python_support(release("1.0", ["Programming Language :: Python"])) == PythonSupport(None, (), (), None)


# --- free_threading --------------------------------------------------------------------------------


def test_falcon_declares_and_ships_free_threaded_wheels():
    data = load("falcon")

    assert free_threading(data, latest_stable(data).files) == FreeThreading(
        declared=True,
        ships=True,
        pure_python=False,  # it also ships a py3-none-any fallback, but compiled wheels too
        evidence=(
            "Programming Language :: Python :: Free Threading",
            "Programming Language :: Python :: Free Threading :: 3 - Stable",
            "falcon-4.4.0-cp314-cp314t-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl",
        ),
    )


def test_aiohttp_ships_free_threaded_wheels_without_declaring_it():
    data = load("aiohttp")

    assert free_threading(data, latest_stable(data).files) == FreeThreading(
        declared=False,
        ships=True,
        pure_python=False,
        evidence=("aiohttp-3.14.5-cp314-cp314t-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl",),
    )


@pytest.mark.parametrize("recording", ["bottle", "ecdsa"])
def test_only_a_pure_python_wheel_is_no_evidence_rather_than_no(recording):
    data = load(recording)

    facts = free_threading(data, latest_stable(data).files)

    assert facts == FreeThreading(declared=False, ships=None, pure_python=True, evidence=())
    assert facts.ships is not False


def test_compiled_wheels_without_a_free_threaded_one_say_no():
    data = load("aiohttp")
    gil_only = [f for f in latest_stable(data).files if "t-manylinux" not in f["filename"]]

    assert free_threading(data, gil_only) == FreeThreading(declared=False, ships=False, pure_python=False, evidence=())


def test_sdist_only_is_no_evidence_and_not_pure_python():
    facts = free_threading(release("1.0"), files("example-1.0.tar.gz"))

    assert (facts.ships, facts.pure_python) == (None, False)


def test_any_free_threading_classifier_level_is_a_declaration():
    data = release("1.0", ["Programming Language :: Python :: Free Threading :: 2 - Beta"])

    facts = free_threading(data, files("example-1.0-py3-none-any.whl"))

    assert (facts.declared, facts.ships, facts.pure_python) == (True, None, True)
    assert facts.evidence == ("Programming Language :: Python :: Free Threading :: 2 - Beta",)


def test_yanked_and_unparsable_wheels_are_not_evidence():
    release_files = files("example-1.0-cp314-cp314t-win_amd64.whl", yanked=True) + files("not a wheel.whl")

    assert free_threading(release("1.0"), release_files).ships is None


def test_free_threading_reads_the_release_json_urls():
    data = load("falcon-4.4.0")

    assert free_threading(data, data["urls"]) == free_threading(load("falcon"), latest_stable(load("falcon")).files)


# --- advisories ------------------------------------------------------------------------------------


@pytest.mark.parametrize("recording", ["falcon", "bottle", "aiohttp", "falcon-4.4.0"])
def test_recordings_without_advisories(recording):
    assert advisories(load(recording)) == ()


def test_one_issue_listed_by_two_databases_is_one_advisory():
    # ecdsa 0.19.2 lists PYSEC-2026-1325 and GHSA-wj6h-64fc-37mp, each the other's alias, no fix.
    (advisory,) = advisories(load("ecdsa"))

    assert advisory.id == "PYSEC-2026-1325"
    assert advisory.aliases == ("CVE-2024-23342", "GHSA-wj6h-64fc-37mp")
    assert advisory.fixed_in == ()
    assert advisory.link == "https://osv.dev/vulnerability/PYSEC-2026-1325"
    assert advisory.summary.startswith("python-ecdsa has been found to be subject to a Minerva timing attack")


def test_withdrawn_advisories_are_skipped():
    # Synthetic (see README.md): PYSEC-2022-43059 was withdrawn on 2023-11-08, PYSEC-2023-120 stands.
    assert advisories(load("aiohttp-3.8.1-withdrawn-synthetic")) == (
        Advisory(
            id="PYSEC-2023-120",
            aliases=("GHSA-45c4-8wx5-qw6w", "CVE-2023-37276"),
            summary="aiohttp.web.Application vulnerable to HTTP request smuggling via llhttp HTTP request parser",
            fixed_in=("3.8.5",),
            link="https://osv.dev/vulnerability/PYSEC-2023-120",
        ),
    )


def test_without_a_summary_the_first_line_of_the_details_that_is_no_heading():
    entry = {
        "id": "GHSA-xxxx",
        "aliases": [],
        "details": "### Impact\n\nRequests can be smuggled.\nMore.",
        "summary": None,
    }

    assert advisories(release("1.0", vulnerabilities=[entry]))[0].summary == "Requests can be smuggled."


# --- release_years ---------------------------------------------------------------------------------


def test_release_years_of_falcon_fills_years_without_a_release():
    assert release_years(load("falcon")) == {
        2013: 12,
        2014: 3,
        2015: 2,
        2016: 2,
        2017: 2,
        2018: 2,
        2019: 1,
        2020: 0,
        2021: 2,
        2022: 2,
        2023: 2,
        2024: 3,
        2025: 2,
        2026: 3,
    }


def test_release_years_of_bottle_and_ecdsa():
    assert release_years(load("bottle")) == {
        **{2009: 21, 2010: 7, 2011: 15, 2012: 8, 2013: 2, 2014: 10, 2015: 1, 2016: 2, 2017: 2},
        **{2018: 3, 2019: 2, 2020: 1, 2021: 0, 2022: 4, 2023: 2, 2024: 3, 2025: 2},
    }
    assert release_years(load("ecdsa")) == {
        **{2010: 2, 2011: 0, 2012: 1, 2013: 2, 2014: 1, 2015: 2, 2016: 0, 2017: 0},
        **{2018: 0, 2019: 5, 2020: 3, 2021: 1, 2022: 1, 2023: 0, 2024: 1, 2025: 1, 2026: 1},
    }


def test_release_years_ignore_yanked_and_pre_releases():
    data = load("aiohttp")  # trimmed to 3.11.0 and later; 3.11.13, 3.11.14, 3.11.17 and 3.12.1 are yanked
    yanked = {v for v, fs in data["releases"].items() if all(f["yanked"] for f in fs)}
    assert yanked == {"3.11.13", "3.11.14", "3.11.17", "3.12.1", "4.0.0a0", "4.0.0a1"}

    assert release_years(data) == {2024: 12, 2025: 21, 2026: 9}
    assert sum(release_years(data).values()) == len([v for v in data["releases"] if re.fullmatch(r"[\d.]+", v)]) - 4
    # The hand-made yanked-newer.json: 6.1.2 and 6.1.3 count, the yanked 9.0 of 2026 does not.
    assert release_years(load("yanked-newer", DATA)) == {2026: 2}


def test_release_years_of_a_release_json_without_history_is_an_error():
    with pytest.raises(PyPIError, match=r"^falcon: unexpected response from PyPI \(no 'releases'\)"):
        release_years(load("falcon-4.4.0"))


# --- malformed input -------------------------------------------------------------------------------


def test_a_project_json_about_another_release_than_the_latest_stable_is_refused():
    # prerelease-newer.json's info describes 9.0a1, the latest stable is 6.1.3: its fields would mislead.
    data = load("prerelease-newer", DATA)

    for parse in (python_support, advisories, lambda d: free_threading(d, [])):
        with pytest.raises(PyPIError, match=r"describes release '9.0a1', not the latest stable 6.1.3"):
            parse(data)


def _broken(recording, change):
    data = copy.deepcopy(load(recording))
    change(data)
    return data


@pytest.mark.parametrize(
    ("parse", "data", "message"),
    [
        (python_support, [], r"^package: unexpected response from PyPI \(no 'info'\)"),
        (python_support, {"info": "falcon"}, r"no 'info'"),
        (
            latest_stable,
            {"info": {"name": "x"}, "releases": []},
            r"^x: unexpected response from PyPI \(no 'releases'\)",
        ),
        (latest_stable, _broken("falcon", lambda d: d["releases"].update({"9.9": {}})), r"unexpected file list"),
        (latest_stable, load("no-stable", DATA), r"no stable, unyanked release"),
        (python_support, _broken("falcon", lambda d: d["info"].update(requires_python=">=3.9.*")), r"not a valid"),
        (python_support, _broken("falcon", lambda d: d["info"].update(requires_python=3.9)), r"requires_python"),
        (python_support, _broken("bottle", lambda d: d["info"].update(classifiers="Python")), r"classifiers"),
        (advisories, _broken("ecdsa", lambda d: d.pop("vulnerabilities")), r"no 'vulnerabilities'"),
        (advisories, _broken("ecdsa", lambda d: d["vulnerabilities"][0].pop("id")), r"vulnerability entry"),
        (advisories, _broken("ecdsa", lambda d: d["vulnerabilities"][0].update(aliases="CVE")), r"aliases"),
        (release_years, _broken("bottle", lambda d: d["releases"]["0.13.4"][0].pop("upload_time_iso_8601")), "upload"),
    ],
)
def test_malformed_input_raises_pypi_error(parse, data, message):
    with pytest.raises(PyPIError, match=message):
        parse(data)


def test_malformed_file_entry_raises():
    with pytest.raises(PyPIError, match=r"unexpected file entry"):
        free_threading(release("1.0"), [{"name": "x.whl"}])


# --- read_facts over HTTP --------------------------------------------------------------------------

ROUTE = re.compile(r"/pypi/([A-Za-z0-9._-]+)(?:/([A-Za-z0-9._!+-]+))?/json")


@pytest.fixture
def facts_server():
    """Base URL and overrides of a local PyPI: /pypi/<name>/json from facts/<name>.json,
    /pypi/<name>/<version>/json from facts/<name>-<version>.json, anything else 404.
    Tests put (status, body) under a request path in the overrides to answer it differently."""
    overrides = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path in overrides:
                return self._send(*overrides[self.path])
            match = ROUTE.fullmatch(self.path)
            stem = "-".join(g for g in match.groups() if g) if match else None
            recordings = {p.stem.lower(): p for p in FACTS.glob("*.json")}
            if stem and stem.lower() in recordings:
                return self._send(200, recordings[stem.lower()].read_bytes())
            return self._send(404, b'{"message": "Not Found"}')

        def _send(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", overrides
    server.shutdown()
    server.server_close()
    thread.join()


TODAY = datetime.date(2026, 12, 1)


def test_read_facts_reads_the_project_then_the_release_json(facts_server):
    base, _ = facts_server

    facts = read_facts("falcon", base_url=base, today=TODAY)

    assert (facts.name, facts.version, facts.read_on) == ("falcon", "4.4.0", TODAY)
    assert facts.source == "https://pypi.org/project/falcon/4.4.0/"
    assert facts.read_from == (f"{base}/pypi/falcon/json", f"{base}/pypi/falcon/4.4.0/json")
    assert facts.python.minors == ALL_MINORS
    assert (facts.free_threading.declared, facts.free_threading.ships) == (True, True)
    assert facts.advisories == ()
    assert facts.release_years == release_years(load("falcon"))
    assert facts.as_dict()["free_threading"]["evidence"][-1].startswith("falcon-4.4.0-cp314-cp314t-")


def test_without_a_release_json_the_project_json_describing_the_latest_stable_is_used(facts_server):
    base, _ = facts_server

    facts = read_facts("ECDSA", base_url=base, today=TODAY)

    assert facts.read_from == (f"{base}/pypi/ECDSA/json",)
    assert facts.source == "https://pypi.org/project/ecdsa/0.19.2/"
    assert [a.id for a in facts.advisories] == ["PYSEC-2026-1325"]
    assert facts.as_dict() == {
        "version": "0.19.2",
        "requires_python": "!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*,>=2.6",
        "python_versions": list(ALL_MINORS),
        "python_versions_from": "requires_python",
        "free_threading": {"declared": False, "ships": None, "pure_python": True, "evidence": []},
        "advisories": [
            {
                "id": "PYSEC-2026-1325",
                "aliases": ["CVE-2024-23342", "GHSA-wj6h-64fc-37mp"],
                "fixed_in": [],
                "link": "https://osv.dev/vulnerability/PYSEC-2026-1325",
            }
        ],
        "release_years": release_years(load("ecdsa")),
        "source": "https://pypi.org/project/ecdsa/0.19.2/",
        "read_on": "2026-12-01",
    }


def test_without_a_release_json_a_project_json_about_another_release_is_refused(facts_server):
    base, overrides = facts_server
    overrides["/pypi/example/json"] = (200, (DATA / "prerelease-newer.json").read_bytes())

    with pytest.raises(PyPIError, match=r"describes release '9.0a1', not the latest stable 6.1.3"):
        read_facts("example", base_url=base)


def test_a_release_json_about_another_version_is_refused(facts_server):
    base, overrides = facts_server
    overrides["/pypi/falcon/4.4.0/json"] = (200, json.dumps(release("4.3.0")).encode())

    with pytest.raises(PyPIError, match=r"^falcon: PyPI's JSON for release 4.4.0 describes '4.3.0'"):
        read_facts("falcon", base_url=base)


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b"{}", r"^falcon: PyPI answered HTTP 500 for http://127.0.0.1:\d+/pypi/falcon/4.4.0/json"),
        (200, b'{"info": {', r"^falcon: PyPI returned invalid JSON from http://"),
        (200, b"[]", r"^falcon: unexpected response from PyPI \(no 'info'\)"),
    ],
)
def test_failures_reading_the_release_json_raise(facts_server, status, body, message):
    base, overrides = facts_server
    overrides["/pypi/falcon/4.4.0/json"] = (status, body)

    with pytest.raises(PyPIError, match=message):
        read_facts("falcon", base_url=base)


def test_unknown_project_raises_not_on_pypi(facts_server):
    base, _ = facts_server

    with pytest.raises(PyPIError, match=r"^no-such-package: not on PyPI \(HTTP 404"):
        read_facts("no-such-package", base_url=base)


def test_unreachable_pypi_raises():
    with pytest.raises(PyPIError, match=r"^falcon: could not reach PyPI"):
        read_facts("falcon", base_url="http://127.0.0.1:9", timeout=2)
