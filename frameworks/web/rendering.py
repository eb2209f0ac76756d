"""Pages whose body is a Jinja2 template inside the Django page frame every page shares."""

from django.shortcuts import render
from django.template import engines
from django.utils.safestring import mark_safe


def render_with_body(request, page: str, body: str, context: dict):
    """Render `body` (templates/jinja2/) with Jinja2 and place it in `page`, a Django template that
    extends base.html and shows `{{ body }}` as its content. `context` goes to both: the body gets
    no context processors, so it is given what it reads (`today` among it)."""
    html = engines["jinja2"].get_template(body).render(context)
    return render(request, page, context | {"body": mark_safe(html)})  # noqa: S308 (autoescaped by Jinja2)
