"""The OpenAPI 3.1 description of the JSON API, served at /api/v1/openapi.json.

Written by hand next to the API views because the API is a handful of small views. Enums come from
the one vocabulary and, for slugs, from the catalog itself (`spec(snapshot)`), so the description
accepts exactly what the API accepts; a test checks every /api/v1/ route is described, and
schemathesis checks real answers against it.
"""

import copy

from ..domain.vocabulary import (
    DATABASES,
    EXPERIENCE,
    IMPORTANCE,
    INTERFACES,
    LEARNING_CURVES,
    LEVEL_SLUGS,
    PRIORITIES,
    STYLES,
    slugs,
)


def _list_param(name, description):
    return {
        "name": name,
        "in": "query",
        "description": description + " Repeat the key for several values.",
        "schema": {"type": "array", "items": {"type": "string"}},  # enum filled in by spec()
        "style": "form",
        "explode": True,
    }


def _choice_param(name, terms):
    return {"name": name, "in": "query", "schema": {"type": "string", "enum": list(slugs(terms))}}


ERRORS = {
    "type": "object",
    "properties": {
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    },
    "required": ["errors"],
}
NOT_FOUND = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "suggestions": {"type": "array", "items": {"type": "string"}}},
    "required": ["error", "suggestions"],
}
SUPPORT = {
    "type": "object",
    "properties": {
        "feature": {"type": "string"},
        "level": {"type": "string", "enum": list(LEVEL_SLUGS)},
        "note": {"type": "string"},
        "since": {"type": "string"},
        "source": {"type": ["string", "null"], "format": "uri"},
        "checked_on": {"type": ["string", "null"], "format": "date"},
    },
    "required": ["feature", "level", "note", "source", "checked_on"],
}
FRAMEWORK = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "tagline": {"type": "string"},
        "website": {"type": "string", "format": "uri"},
        "repository": {"type": "string", "format": "uri"},
        "license": {"type": "string"},
        "first_release": {"type": "integer"},
        "latest_version": {"type": "string"},
        "latest_release_date": {"type": ["string", "null"], "format": "date"},
        "interface": {"type": "string", "enum": list(slugs(INTERFACES))},
        "learning_curve": {"type": "string", "enum": list(slugs(LEARNING_CURVES))},
        "productivity_weeks": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
        "support": {"type": "array", "items": {"$ref": "#/components/schemas/Support"}},
        "use_cases": {"type": "array", "items": {"type": "object"}},
        "url": {"type": "string", "format": "uri-reference"},
    },
    "required": ["slug", "name", "license", "interface", "support", "use_cases", "url"],
}
RECOMMENDATION = {
    "type": "object",
    "properties": {
        "answers": {"type": "object"},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "rank": {"type": "integer"},
                    "framework": {"type": "string"},
                    "name": {"type": "string"},
                    "score": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                    "tier": {"type": "string", "enum": ["meets", "gaps", "misses"]},
                    "maintenance": {"type": "string", "enum": ["active", "slowing", "inactive", "unknown"]},
                    "gap_must": {"type": "array", "items": {"type": "string"}},
                    "url": {"type": "string", "format": "uri-reference"},
                    "reasons": {"type": "array", "items": {"type": "object"}},
                    "unmet_must": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["rank", "framework", "name", "score", "tier", "url", "reasons", "unmet_must", "gap_must"],
            },
        },
        "catalog_revision": {"type": "integer"},
    },
    "required": ["answers", "results", "catalog_revision"],
}


QUESTIONS = ("use_cases", "must", "nice", "experience", "style", "database", "priority")
WIZARD_PARAMETERS = [
    _list_param("use_cases", "Use-case slugs."),
    _list_param("must", "Feature slugs that are required."),
    _list_param("nice", "Feature slugs that help."),
    _choice_param("experience", EXPERIENCE),
    _choice_param("style", STYLES),
    _choice_param("database", DATABASES),
    _choice_param("priority", PRIORITIES),
    *(_choice_param(f"importance_{q}", IMPORTANCE) for q in QUESTIONS),
]


def _json(schema_ref: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}


_SPEC = {
    "openapi": "3.1.0",
    "info": {
        "title": "Pickwise API",
        "version": "1",
        "description": "Sourced facts about Python web frameworks, comparisons and ranked recommendations.",
    },
    "paths": {
        "/api/v1/frameworks/": {
            "get": {"summary": "Every published framework", "responses": {"200": {"description": "The catalog"}}}
        },
        "/api/v1/frameworks/{slug}/": {
            "get": {
                "summary": "One framework with every support fact",
                "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The framework"} | _json("Framework"),
                    "404": {"description": "Unknown slug, with suggestions"} | _json("NotFound"),
                },
            }
        },
        "/api/v1/compare/": {
            "get": {
                "summary": "Two to four frameworks side by side",
                "parameters": [
                    {
                        "name": "frameworks",
                        "in": "query",
                        "required": True,
                        "description": "Two to four distinct framework slugs, comma-separated (frameworks=django,flask).",
                        "schema": {
                            "type": "array",
                            "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                            "minItems": 2,
                            "maxItems": 4,
                            "uniqueItems": True,
                        },
                        "style": "form",
                        "explode": False,
                    },
                    {
                        "name": "diff",
                        "in": "query",
                        "description": "1: only rows that differ.",
                        "schema": {"type": "string", "enum": ["0", "1"]},
                    },
                ],
                "responses": {
                    "200": {"description": "The comparison"},
                    "400": {"description": "Too few or too many frameworks"} | _json("Errors"),
                    "404": {"description": "Unknown slug, with suggestions"} | _json("NotFound"),
                },
            }
        },
        "/api/v1/recommend/": {
            "get": {
                "summary": "Ranked, explained recommendations (the wizard)",
                "parameters": WIZARD_PARAMETERS,
                "responses": {
                    "200": {"description": "Ranked results, and what would change the top three"}
                    | _json("Recommendation"),
                    "400": {"description": "Invalid answers, by field"} | _json("Errors"),
                },
            }
        },
        "/api/v1/recommend/record/": {
            "get": {
                "summary": "The same results as a decision record (MADR 4.0 fields); the outcome is left for the team",
                "parameters": WIZARD_PARAMETERS,
                "responses": {
                    "200": {"description": "Context, drivers, considered options with pros and cons, sources"},
                    "400": {"description": "Invalid answers, by field"} | _json("Errors"),
                },
            }
        },
        "/api/v1/export/catalog.json": {
            "get": {
                "summary": "The whole published catalog as open data (CC BY 4.0), loadable with load_catalog",
                "responses": {"200": {"description": "Categories, features, use cases, tasks and frameworks"}},
            }
        },
        "/api/v1/export/support.csv": {
            "get": {
                "summary": "Every support cell with its source and checked-on date, as CSV (CC BY 4.0)",
                "responses": {"200": {"description": "One row per framework and feature", "content": {"text/csv": {}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "Errors": ERRORS,
            "NotFound": NOT_FOUND,
            "Support": SUPPORT,
            "Framework": FRAMEWORK,
            "Recommendation": RECOMMENDATION,
        }
    },
}


def spec(snapshot) -> dict:
    """The description for the catalog as it is: slug parameters enumerate today's slugs."""
    document = copy.deepcopy(_SPEC)
    slugs_for = {
        "use_cases": [u.slug for u in snapshot.use_cases],
        "must": [f.slug for f in snapshot.features],
        "nice": [f.slug for f in snapshot.features],
    }
    for parameter in (
        document["paths"]["/api/v1/recommend/"]["get"]["parameters"]
        + document["paths"]["/api/v1/recommend/record/"]["get"]["parameters"]
    ):
        if parameter["name"] in slugs_for:
            values = slugs_for[parameter["name"]]
            # The form accepts each value at most twice over (repeats are folded); more is refused.
            parameter["schema"] = {
                "type": "array",
                "items": {"type": "string", "enum": values},
                "maxItems": 2 * len(values),
            }
    framework_slugs = [f.slug for f in snapshot.frameworks]
    compare = document["paths"]["/api/v1/compare/"]["get"]["parameters"][0]
    compare["schema"]["items"] = {"type": "string", "enum": framework_slugs}
    # Today's slugs, so generated requests reach real frameworks and not only the 404 page.
    one = document["paths"]["/api/v1/frameworks/{slug}/"]["get"]["parameters"][0]
    one["schema"] = {"type": "string", "enum": framework_slugs}
    return document
