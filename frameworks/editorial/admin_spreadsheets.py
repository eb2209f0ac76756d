"""Import and export pages in the admin (django-import-export), wired to the rules in imports.py.

What changes from the library's pages: the preview lists only new, changed and invalid rows, with
the counts on top; the confirmation carries what the preview saw (its time and a fingerprint of the
rows it read), so rows someone saved after it are not overwritten (the whole file is refused, naming
them); a confirmation that fails shows why instead of "Import finished"; an upload that expired
says so; and the templates work under the strict Content-Security-Policy.
"""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm

from . import imports
from .uploads import UploadExpired

PREVIEWED_AT = "previewed_at"
ROWS_DIGEST = "rows_digest"


class ConfirmWithPreviewTime(ConfirmImportForm):
    """The confirmation carries what the preview saw: its time and the fingerprint of the rows it
    read (imports.CatalogResource.note_versions)."""

    previewed_at = forms.CharField(widget=forms.HiddenInput)
    rows_digest = forms.CharField(widget=forms.HiddenInput)

    def clean_previewed_at(self):
        try:
            value = datetime.datetime.fromisoformat(self.cleaned_data[PREVIEWED_AT])
        except ValueError:
            raise forms.ValidationError("The preview time is missing: upload the file again.") from None
        if timezone.is_naive(value):
            raise forms.ValidationError("The preview time is missing: upload the file again.")
        return value


class SpreadsheetAdmin(ImportExportMixin):
    import_template_name = "admin/pickwise/import.html"
    export_template_name = "admin/pickwise/export.html"
    confirm_form_class = ConfirmWithPreviewTime

    def import_action(self, request, **kwargs):
        # Taken before the preview reads any row, so whoever saves one after that read can be named.
        request.import_preview = {PREVIEWED_AT: timezone.now()}
        return super().import_action(request, **kwargs)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial[PREVIEWED_AT] = request.import_preview[PREVIEWED_AT].isoformat()
            initial[ROWS_DIGEST] = request.import_preview[ROWS_DIGEST]
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        form = kwargs.get("form")
        if isinstance(form, ConfirmWithPreviewTime) and form.is_valid():
            resource_kwargs |= {key: form.cleaned_data[key] for key in (PREVIEWED_AT, ROWS_DIGEST)}
        return resource_kwargs

    def get_import_data_kwargs(self, **kwargs):
        request = kwargs.get("request")
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs["rollback_on_validation_errors"] = True  # all or nothing, also when confirming
        if getattr(request, "import_preview", None) is not None:
            data_kwargs["preview"] = request.import_preview  # the resource adds the rows' fingerprint
        return data_kwargs

    def get_import_context_data(self, **kwargs):
        return super().get_import_context_data(**kwargs) | {"max_rows": imports.MAX_ROWS}

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except UploadExpired as expired:
            self.message_user(request, str(expired), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Something changed between the preview and the confirmation; nothing was written.
            context = self.admin_site.each_context(request) | {
                "title": "Import",
                "opts": self.model._meta,
                "result": result,
                "refused_on_confirm": True,
                "max_rows": imports.MAX_ROWS,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)
