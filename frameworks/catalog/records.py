"""The catalog as plain data in the data-file shape: what export_catalog writes, the open-data JSON
publishes and the lint checks. The loader reads the same shape back, so load → export is lossless.
"""

import datetime

from django.db.models import Prefetch

from ..models import CodeSample, CodingTask, FeatureCategory, Framework, PackageFacts, Support, UseCase, UseCaseFit


def with_facts(frameworks):
    """Frameworks with their cells, fits, samples and applied PyPI facts in four more queries, however
    many there are (the snapshot, the export record and the lint all read frameworks this way)."""
    return frameworks.prefetch_related(
        Prefetch("supports", queryset=Support.objects.select_related("feature")),
        Prefetch("fits", queryset=UseCaseFit.objects.select_related("use_case")),
        Prefetch("code_samples", queryset=CodeSample.objects.select_related("task")),
        Prefetch(
            "package_facts",
            queryset=PackageFacts.objects.filter(state="applied").order_by("-read_on", "-pk"),
            to_attr="applied_package_facts",
        ),
    )


def document(*, published_only: bool) -> dict:
    """The catalog as plain data in the data-file shapes, in a fixed number of queries."""
    frameworks = with_facts(Framework.objects.all())
    if published_only:
        frameworks = frameworks.published()
    return shape(
        categories=FeatureCategory.objects.prefetch_related("features"),
        use_cases=UseCase.objects.all(),
        tasks=CodingTask.objects.all(),
        frameworks=frameworks,
    )


def shape(*, categories, use_cases, tasks, frameworks) -> dict:
    """Rows already read (frameworks `with_facts`) in the data-file shapes."""
    return {
        "categories": [
            {
                "slug": c.slug,
                "name": c.name,
                "order": c.order,
                "description": c.description,
                "features": [
                    {"slug": f.slug, "name": f.name, "order": f.order, "description": f.description}
                    for f in sorted(c.features.all(), key=lambda f: (f.order, f.name))
                ],
            }
            for c in categories
        ],
        "use_cases": [
            {"slug": u.slug, "name": u.name, "order": u.order, "description": u.description} for u in use_cases
        ],
        "tasks": [{"slug": t.slug, "title": t.title, "description": t.description} for t in tasks],
        "frameworks": [framework_record(f) for f in frameworks],
    }


# The data-file shape of one framework, in file order: each key with the type the loader accepts.
# A plain key is the Framework field of the same name; the others are built from several fields or
# related rows (COMPOSITE). Written once here for the export record, the loader and the lint.
FRAMEWORK_FIELDS = {
    "slug": str,
    "name": str,
    "status": str,
    "tagline": str,
    "summary": str,
    "website": str,
    "repository": str,
    "docs_url": str,
    "pypi_name": str,
    "license": str,
    "first_release": int,
    "latest_version": str,
    "latest_release_date": datetime.date,
    "release_source": str,
    "interface": str,
    "built_on": str,
    "facts_source": str,
    "archived": bool,
    "learning_curve": str,
    "productivity_weeks": list,
    "learning_note": str,
    "learning_source": str,
    "checked_on": datetime.date,
    "source_domains": list,
    "ecosystem": dict,
    "pypi_facts": dict,
    "support": dict,
    "use_cases": dict,
    "code_samples": list,
}
COMPOSITE = {"productivity_weeks", "ecosystem", "pypi_facts", "support", "use_cases", "code_samples"}
OPTIONAL_FRAMEWORK_FIELDS = {
    "archived",
    "source_domains",
    "use_cases",
    "code_samples",
    "status",
    "ecosystem",
    "pypi_facts",
}


def framework_record(f: Framework) -> dict:
    """One framework as the data-file mapping (also the shape of the open-data export)."""
    composite = {
        "productivity_weeks": [f.productivity_min_weeks, f.productivity_max_weeks],
        "ecosystem": _ecosystem_record(f),
        "pypi_facts": _package_record(f) if getattr(f, "applied_package_facts", None) else None,
        "support": {
            s.feature.slug: _drop_empty(
                {
                    "level": s.level,
                    "note": s.note,
                    "since": s.since_version,
                    "source": s.source_url,
                    "checked_on": s.checked_on,
                    "confidence": s.confidence,
                }
            )
            for s in sorted(f.supports.all(), key=lambda s: (s.feature.category_id, s.feature.order, s.feature.slug))
        },
        "use_cases": {
            fit.use_case.slug: {
                "fit": fit.fit,
                "note": fit.note,
                "source": fit.source_url,
                "checked_on": fit.checked_on,
            }
            for fit in sorted(f.fits.all(), key=lambda fit: fit.use_case.order)
        },
        "code_samples": [
            {
                "task": s.task.slug,
                "code": s.code,
                "gives": s.gives,
                "source": s.source_url,
                "version": s.version,
                "checked_on": s.checked_on,
            }
            for s in f.code_samples.all()
        ],
    }
    record = {key: composite[key] if key in composite else getattr(f, key) for key in FRAMEWORK_FIELDS}
    return {key: value for key, value in record.items() if not (key in COMPOSITE and value is None)}


def _ecosystem_record(f: Framework) -> dict | None:
    if f.ecosystem_packages is None:
        return None
    record = _drop_empty(
        {
            "packages": f.ecosystem_packages,
            "measure": f.ecosystem_measure,
            "source": f.ecosystem_source,
            "checked_on": f.ecosystem_checked_on,
        }
    )
    return record | ({"estimated": True} if f.ecosystem_estimated else {})


def _drop_empty(record: dict) -> dict:
    return {k: v for k, v in record.items() if v not in ("", None)}


def _package_record(f: Framework) -> dict:
    row = f.applied_package_facts[0]
    return {
        "version": row.version,
        "requires_python": row.requires_python,
        "python_versions": list(row.python_versions),
        "free_threading": {
            "declared": row.free_threading_declared,
            "ships": row.free_threading_ships,
            "evidence": list(row.free_threading_evidence),
        },
        "advisories": list(row.advisories),
        "release_years": {int(k): v for k, v in row.release_years.items()},
        "source": row.source_url,
        "read_on": row.read_on,
    }
