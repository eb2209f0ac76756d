"""History pages and revert for every catalog row (django-simple-history), made safe and readable.

django-simple-history's revert view saves the old version itself: it carries the old `updated_at`
(so the edit guard always refused it), the old status (so an Editor could publish), and it skips the
publishing rule. Here the old version fills the row's ordinary admin form instead (revert.py); the
history list names people without linking to the user admin (which Editors cannot open) and shows
whole values; and malformed ids in these URLs are a 404 rather than a 500.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import conditional_escape
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import revert
from .admin_forms import REASON, revert_form


def valid_id(field, value):
    """`value` as the field's Python value, or a 404 when it cannot be one (`…/history/abc/`)."""
    try:
        return field.to_python(unquote(str(value)))
    except (ValidationError, ValueError, TypeError):
        raise Http404("No such row.") from None


class WholeValues(HistoricalRecordContextHelper):
    """Old → new in full: the default cuts long notes in the middle of a word."""

    def stringify_delta_change_values(self, change, old, new):
        def text(value):
            if value is None or value == "":
                return "—"
            return ", ".join(map(str, value)) if isinstance(value, list) else str(value)

        return conditional_escape(text(old)), conditional_escape(text(new))


class RevertableHistoryAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/pickwise/object_history.html"
    object_history_list_template = "admin/pickwise/object_history_list.html"
    object_history_form_template = "admin/pickwise/revert_form.html"

    def history_view(self, request, object_id, extra_context=None):
        valid_id(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # django-simple-history would call select_related() without names for a model without
        # foreign keys, which Django 6.1 deprecates.
        related = [f.name for f in self.model._meta.concrete_fields if f.is_relation]
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user", *related)

    def get_historical_record_context_helper(self, request, historical_record):
        return WholeValues(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        history = self.model.history.model
        current = self.get_object(request, unquote(object_id))  # None for a malformed or unknown id
        if current is None:
            raise Http404("No such row.")
        version_id = valid_id(history._meta.pk, version_id)
        version = history.objects.select_related("history_user").filter(pk=version_id, id=current.pk).first()
        if version is None:
            raise Http404("No such version of this row.")
        if not self.has_view_history_or_change_history_permission(request, current):
            raise PermissionDenied
        can_revert = not self.revert_disabled(request, current)

        fieldsets = self.get_fieldsets(request, current)
        form_class = revert_form(self.get_form(request, current, change=True, fields=flatten_fieldsets(fieldsets)))
        initial = revert.proposed_values(version, [name for name in form_class.base_fields if name != REASON])
        if request.method == "POST":
            if not can_revert:
                raise PermissionDenied
            # The edit guard locks the row until this transaction ends, as on the change page.
            with transaction.atomic(using=router.db_for_write(self.model)):
                form = form_class(request.POST, request.FILES, instance=current, initial=initial)
                if form.is_valid():
                    return self._save_revert(request, form, version)
        else:
            form = form_class(instance=current, initial=initial)

        adminform = helpers.AdminForm(
            form,
            [(None, {"fields": [REASON]}), *fieldsets],
            {},
            self.get_readonly_fields(request, current),
            model_admin=self,
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"{'Revert' if can_revert else 'View'} {current}: {revert.describe(version)}",
            "adminform": adminform,
            "form": form,
            "errors": helpers.AdminErrorList(form, []),
            "media": self.media + adminform.media,
            "object_id": current.pk,
            "original": current,
            "version": version,
            "differences": revert.differences(current, version, editable=form.base_fields),
            "opts": opts,
            "app_label": opts.app_label,
            "history_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[current.pk]),
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[current.pk]),
            "revert_disabled": not can_revert,
            "add": False,
            "change": True,
            "is_popup": False,
            "save_as": False,
            "has_add_permission": False,
            "has_change_permission": can_revert,
            "has_view_permission": True,
            "has_delete_permission": False,
            "has_editable_inline_admin_formsets": False,
            "has_file_field": False,
            "has_absolute_url": False,
            "form_url": "",
            "inline_admin_formsets": [],
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_form_template, context)

    def _save_revert(self, request, form, version):
        obj = self.save_form(request, form, change=True)
        obj._change_reason = revert.history_reason(version, form.cleaned_data[REASON])
        self.save_model(request, obj, form, change=True)
        form.save_m2m()
        self.log_change(request, obj, f"Reverted to {revert.describe(version)}. Reason: {form.cleaned_data[REASON]}")
        self.message_user(request, f"{obj} was reverted to {revert.describe(version)}.", messages.SUCCESS)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]))
