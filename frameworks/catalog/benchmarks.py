"""The side-by-side benchmark's results (samples/bench-results.json, written by `make bench-frameworks`).

Read from the file the run wrote, so the page always shows the figures and method of that run; the
file is re-read only when it changes.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

RESULTS = Path(settings.BASE_DIR) / "samples" / "bench-results.json"
CHART_WIDTH = 300  # SVG units for the largest ratio


@dataclass(frozen=True)
class Row:
    framework: str
    name: str
    server: str
    version: str
    rps: float
    ratio: float
    ratio_min: float
    ratio_max: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_seconds: float
    rss_mb: float
    baseline: str
    basis: str
    timed: bool
    reason: str
    # bar geometry for the chart, in SVG units
    bar: int = 0
    low: int = 0
    high: int = 0
    y: int = 0


@dataclass(frozen=True)
class Benchmark:
    date: str
    method: dict
    machine: dict
    rows: tuple[Row, ...]
    chart_height: int
    scale_one: int  # x of ratio 1.0 (the baseline)


def load(path: Path = RESULTS) -> Benchmark | None:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _load(str(path), stamp)


@functools.lru_cache(maxsize=4)
def _load(path: str, stamp: int) -> Benchmark:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    timed = [r for r in data["results"] if r.get("timed")]
    top = max((r.get("ratio_max") or 0 for r in timed), default=1) or 1
    scale = CHART_WIDTH / top
    rows = []
    ordered = sorted(data["results"], key=lambda r: (not r.get("timed"), -(r.get("ratio_median") or 0)))
    for i, r in enumerate(ordered):
        ratio = r.get("ratio_median") or 0
        rows.append(
            Row(
                framework=r["framework"],
                name=r.get("framework_name", r["framework"]),
                server=f"{r.get('server', '')} {r.get('server_version', '')}".strip(),
                version=r.get("framework_version", ""),
                rps=r.get("rps_median") or 0,
                ratio=ratio,
                ratio_min=r.get("ratio_min") or 0,
                ratio_max=r.get("ratio_max") or 0,
                p50_ms=r.get("p50_ms") or 0,
                p99_ms=r.get("p99_ms") or 0,
                errors=r.get("errors") or 0,
                cpu_seconds=r.get("cpu_seconds") or 0,
                rss_mb=r.get("rss_mb") or 0,
                baseline=r.get("baseline", ""),
                basis=r.get("basis", ""),
                timed=bool(r.get("timed")),
                reason=r.get("reason", ""),
                bar=round(ratio * scale),
                low=round((r.get("ratio_min") or 0) * scale),
                high=round((r.get("ratio_max") or 0) * scale),
                y=i * 16,
            )
        )
    return Benchmark(
        data.get("date", ""), data.get("method", {}), data.get("machine", {}), tuple(rows), len(rows) * 16, round(scale)
    )
