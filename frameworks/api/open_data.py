"""The published catalog as open data: one JSON document and a flat CSV of support cells.

Both carry every fact's source and checked-on date, and the license they are published under. The
JSON document is the data-file shape (`catalog.records.shape`), so `load_catalog catalog.json` loads it
back without loss. Both are made from the catalog snapshot's copy of that document (`Snapshot.document`),
built once per revision with the snapshot: a miss of the export reads nothing from the database.
"""

import csv
import io

from ..editorial.spreadsheet import neutralise

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Pickwise catalog of Python web frameworks",
}
SUPPORT_COLUMNS = (
    "framework",
    "framework_name",
    "category",
    "feature",
    "feature_name",
    "level",
    "note",
    "since",
    "source",
    "checked_on",
    "confidence",
)


def catalog_document(data: dict, *, revision: int, methodology_url: str) -> dict:
    return {"license": LICENSE | {"methodology": methodology_url}, "catalog_revision": revision} | data


def support_csv(data: dict) -> str:
    """One row per published framework × feature, in catalog order; empty cells stay empty, never guessed.

    Readers open this file in spreadsheets, and notes are free text, so cells that would run as a
    formula are neutralised (editorial/spreadsheet.py).
    """
    features = {f["slug"]: (c["slug"], f["name"]) for c in data["categories"] for f in c["features"]}
    out = io.StringIO()
    # RFC 4180 line ends: with "\n" alone, csv would not quote a note holding a carriage return, and
    # every reader would split the row there.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SUPPORT_COLUMNS)
    for framework in data["frameworks"]:
        for slug, cell in framework["support"].items():
            category, feature_name = features[slug]
            row = (
                framework["slug"],
                framework["name"],
                category,
                slug,
                feature_name,
                cell["level"],
                cell.get("note", ""),
                cell.get("since", ""),
                cell["source"],
                cell["checked_on"].isoformat(),
                cell["confidence"],
            )
            writer.writerow([neutralise(value) for value in row])
    return out.getvalue()
