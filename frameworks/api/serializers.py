"""One function per public JSON shape (design.md); views and the OpenAPI description rely on these.

`url_for(path)` turns a site path into the URL the JSON carries: absolute from SITE_URL when it is
set, else the path itself — never built from the request's Host header.
"""

from collections.abc import Callable, Sequence

from ..domain.compare import Comparison
from ..domain.criteria import Reason
from ..domain.recommend import Result
from ..domain.snapshot import FrameworkFacts, SupportFact
from ..domain.what_if import WhatIf
from ..web.templatetags import path_to, paths_of

UrlFor = Callable[[str], str]


def framework_page(slug: str) -> str:
    return path_to("frameworks:framework_detail", slug)  # reversed once per process and script prefix


def _date(value) -> str | None:
    return value.isoformat() if value else None


def framework_summary(fw: FrameworkFacts, url_for: UrlFor) -> dict:
    """The facts about a framework itself, without its cells: the head of every framework shape."""
    return {
        "slug": fw.slug,
        "name": fw.name,
        "tagline": fw.tagline,
        "website": fw.website,
        "repository": fw.repository,
        "license": fw.license,
        "first_release": fw.first_release,
        "latest_version": fw.latest_version,
        "latest_release_date": _date(fw.latest_release_date),
        "interface": fw.interface,
        "learning_curve": fw.learning_curve,
        "productivity_weeks": list(fw.productivity_weeks),
        "url": url_for(framework_page(fw.slug)),
    }


def framework(fw: FrameworkFacts, url_for: UrlFor) -> dict:
    return framework_summary(fw, url_for) | {
        "support": [{"feature": slug} | support(fact) for slug, fact in fw.support.items()],
        "use_cases": [{"use_case": slug, "fit": fit.fit, "note": fit.note} for slug, fit in fw.fits.items()],
    }


def support(fact: SupportFact | None) -> dict:
    if fact is None:
        return {"level": "unknown", "note": "", "source": None, "checked_on": None}
    data = {"level": fact.level, "note": fact.note, "source": fact.source, "checked_on": _date(fact.checked_on)}
    if fact.since:
        data["since"] = fact.since
    return data


def comparison(value: Comparison, url_for: UrlFor) -> dict:
    return {
        "frameworks": [framework_summary(fw, url_for) for fw in value.frameworks],
        "only_differences": value.only_differences,
        "difference_count": value.difference_count,
        "sections": [
            {
                "category": section.category.slug,
                "name": section.category.name,
                "rows": [
                    {
                        "feature": row.feature.slug,
                        "name": row.feature.name,
                        "differs": row.differs,
                        "cells": [support(cell) for cell in row.cells],
                    }
                    for row in section.rows
                ],
            }
            for section in value.sections
        ],
        "use_cases": [
            {
                "use_case": row.use_case_slug,
                "name": row.use_case_name,
                "fits": [{"fit": c.fit, "note": c.note, "source": c.source} if c else None for c in row.cells],
            }
            for row in value.fit_rows
        ],
        "code_samples": [
            {
                "task": task.task_slug,
                "title": task.task_title,
                "samples": [
                    {"code": s.code, "gives": s.gives, "source": s.source, "version": s.version} if s else None
                    for s in (pair.sample for pair in task.samples)
                ],
            }
            for task in value.tasks
        ],
    }


def reason(value: Reason) -> dict:
    return {"kind": value.kind, "text": value.text, "source": value.source or None}


def recommendations(ranked: list[Result], url_for: UrlFor, reasons: dict[str, Sequence] | None = None) -> list:
    """Every result's shape; `reasons` (by slug), when given, stand for result.reasons already
    shaped by reason() and encoded."""
    page = paths_of("frameworks:framework_detail")
    return [
        recommendation(r, url_for, None if reasons is None else reasons[r.framework.slug], page=page) for r in ranked
    ]


def recommendation(
    result: Result, url_for: UrlFor, reasons: Sequence | None = None, page: Callable[[str], str] = framework_page
) -> dict:
    return {
        "rank": result.rank,
        "framework": result.framework.slug,
        "name": result.framework.name,
        "score": result.score,
        "url": url_for(page(result.framework.slug)),
        "tier": result.tier,
        "maintenance": result.maintenance,
        "reasons": [reason(r) for r in result.reasons] if reasons is None else reasons,
        "unmet_must": list(result.unmet_must),
        "gap_must": list(result.gap_must),
    }


def what_if(change: WhatIf) -> dict:
    return {
        "framework": change.framework,
        "rank": change.rank,
        "new_rank": change.new_rank,
        "change": change.change,
        "text": change.sentence,
    }
