"""Template tags of the comparison page that join rows from per-framework fragments.

An uncached comparison is nearly always a new set of frameworks, but each framework's cells are the
same on every comparison it is in: they are rendered once per snapshot object (and day) and kept
(fragments.kept_for), and a request only joins them, rather than looping over every cell in the
template language.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .fragments import kept_for
from .templatetags import path_to, support_cell_html

register = template.Library()
CELL_END = "</td>"


@register.simple_tag
def summary_rows(frameworks, today):
    """The summary rows (what it is, license, releases, maintenance…): a head, then each framework's cell."""
    columns = [_summary_cells(fw, today) for fw in frameworks]
    heads = _summary_heads()
    if any(len(cells) != len(heads) for cells in columns):
        raise ValueError("compare/_summary_cells.html and _summary_heads.html must list the same facts")
    rows = ("<tr>" + head + "".join(cells[i] for cells in columns) + "</tr>" for i, head in enumerate(heads))
    return mark_safe("\n    ".join(rows))  # noqa: S308 (rendered by the templates, which escape)


def _summary_cells(fw, today) -> tuple[str, ...]:
    def render():
        html = render_to_string("compare/_summary_cells.html", {"f": fw, "today": today}).strip()
        return tuple(cell.strip() + CELL_END for cell in html.split(CELL_END)[:-1])

    return kept_for(fw, ("summary", today), render)


def _summary_heads() -> tuple[str, ...]:
    def render():
        lines = render_to_string("compare/_summary_heads.html").strip().splitlines()
        return tuple(line for line in lines if line.startswith("<th"))

    return kept_for(_HEADS, (), render)  # fixed text and links, the same on every comparison


_HEADS = object()  # the owner the heads are kept under: they read no snapshot object


@register.simple_tag
def sample_columns(task, width: int):
    """A task's code samples, a column per framework (or a line saying it has none yet)."""
    return mark_safe(  # noqa: S308 (rendered by the template, which escapes)
        "".join(
            kept_for(
                pair.sample or pair.framework,
                ("sample-column", task.task_slug, width),
                lambda pair=pair: render_to_string(
                    "compare/_sample_column.html",
                    {"framework": pair.framework, "sample": pair.sample, "width": width},
                ),
            )
            for pair in task.samples
        )
    )


@register.simple_tag
def feature_sections(comparison):
    """The feature matrix: per category a head with its count, then a row per feature: the feature,
    then each framework's cell. Each cell also names its framework (shown only when the table is laid
    out as cards on a phone, where the column headers are out of view). A 4-way comparison holds ~35
    rows of cells that rarely change, so rows are joined from cells kept by content."""
    names = [fw.name for fw in comparison.frameworks]
    width = len(names) + 1
    return mark_safe(  # noqa: S308 (joined from parts escaped by format_html)
        "\n  ".join(
            _section_head(section.category.name, len(section.rows), width)
            + "\n    ".join(
                _matrix_row_head(row.feature.slug, row.feature.name, row.differs)
                + "".join([_matrix_cell(name, fact) for name, fact in zip(names, row.cells, strict=True)])
                + "</tr>"
                for row in section.rows
            )
            + "\n  </tbody>"
            for section in comparison.sections
        )
    )


@functools.lru_cache(maxsize=1024)
def _section_head(name: str, count: int, width: int) -> str:
    return format_html(
        '<tbody class="feature-section">\n    <tr class="section-head"><th scope="colgroup" colspan="{}">{}'
        ' <span class="small fw-normal">({} feature{})</span></th></tr>\n    ',
        width,
        name,
        count,
        "" if count == 1 else "s",
    )


@register.simple_tag
def fit_rows(comparison):
    """The comparison's use-case rows: each framework's fit in words (never colour alone)."""
    return mark_safe(  # noqa: S308 (joined from parts escaped by format_html)
        "\n".join(
            _fit_row_head(row.use_case_slug, row.use_case_name)
            + "".join(_fit_cell(fit.fit if fit else None) for fit in row.cells)
            + "</tr>"
            for row in comparison.fit_rows
        )
    )


@functools.lru_cache(maxsize=1024)
def _fit_row_head(slug: str, name: str) -> str:
    return format_html(
        '<tr><th scope="row"><a href="{}">{}</a></th>', path_to("frameworks:use_case_detail", slug), name
    )


@functools.lru_cache(maxsize=16)
def _fit_cell(fit: str | None) -> str:
    if fit is None:
        return "<td><span>Not rated yet</span></td>"
    return format_html('<td><span class="fit fit-{}">{} fit</span></td>', fit, fit.capitalize())


@functools.lru_cache(maxsize=4096)
def _matrix_row_head(slug: str, name: str, differs: bool) -> str:
    badge = mark_safe(' <span class="badge text-bg-light differs-badge">differs</span>') if differs else ""
    return format_html(
        '<tr class="feature-row {}" data-differs="{}"><th scope="row"><a href="{}">{}</a>{}</th>',
        "differs" if differs else "same",
        "1" if differs else "0",
        path_to("frameworks:feature_detail", slug),
        name,
        badge,
    )


@functools.lru_cache(maxsize=16384)  # keyed by the fact's content, as the cell itself
def _matrix_cell(name: str, fact) -> str:
    return format_html('<td><span class="cell-framework">{}</span> {}</td>', name, support_cell_html(name, fact))
