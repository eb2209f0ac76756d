"""What the catalog's spreadsheet resources add to django-import-export: bounded, fast, refusing
what the admin forms refuse, and lossless on a round trip.

django-import-export works one row at a time: a query per foreign key, per existing row, per
uniqueness and constraint check, and for the preview it saves every row in a savepoint and rolls
back. That took 13 s for 1,000 rows. Here:

- a file may hold at most MAX_ROWS rows; above that nothing is read and the editor is told why;
- foreign keys (by slug) and the existing rows the file names are read in one query each, and the
  validation that would query per row is done once per file instead: the slugs resolve to rows
  that exist, and a key that appears twice in one file is an error naming both rows;
- the preview writes nothing; the confirmed import writes in bulk, with a history record per row
  (the importing editor, and the file name as the reason) and one catalog revision bump;
- the confirmed import locks the rows the file names and refuses the whole file if any of them was
  saved (or added, or deleted) by someone after the preview, naming who where it can: the preview
  fingerprints the rows it read (primary key and `updated_at` of each), and the confirmation
  compares, so no clock is involved; the edit guard of the admin forms, for a whole file;
- sources must be on the framework's allow-list, as in the forms (sources.py);
- exported text cells that a spreadsheet would run as formulas are neutralised, and restored on
  import (spreadsheet.py); empty text cells stay empty; dates read back from XLSX stay dates.

Every row's fields are still validated by the model (`full_clean`), so the messages are the ones the
admin forms show, next to the row number and the field.
"""

import datetime
import hashlib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from import_export import resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import bulk_create_with_history

from ..catalog import revision
from . import concurrency, sources, spreadsheet

# A preview of this many rows takes about 2 s (SQLite or PostgreSQL), far inside the app server's
# 30 s timeout, and so does applying them; the whole catalog (frameworks × features) is ~1,000 cells.
MAX_ROWS = 5000


class TooManyRows(Exception):
    pass


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key given by slug, resolved from one query per import rather than one per row."""

    def __init__(self, model):
        super().__init__(model, field="slug")
        self._by_slug = None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if self._by_slug is None:
            self._by_slug = {obj.slug: obj for obj in self.model._default_manager.all()}
        try:
            return self._by_slug[str(value).strip()]
        except KeyError:
            raise ValueError(f"There is no {self.model._meta.verbose_name} with the slug “{value}”.") from None


class CalendarDateWidget(widgets.DateWidget):
    """A date; spreadsheets hand dates back as midnight datetimes, which must compare as the date."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        return super().clean(value, row, **kwargs)


class KeyedInstanceLoader(BaseInstanceLoader):
    """The existing rows the file names, in one query; locked when the import is being applied."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.existing_instances(dataset)
        resource.note_versions(self.instances.values())

    def get_instance(self, row):
        return self.instances.get(self.resource.row_key(row))


class ChangedFields:
    """The preview's diff of one row: only the fields that change, old and new in full.

    Takes the place of django-import-export's HTML diff, whose inline styles the CSP blocks and
    which lists every column of every row.
    """

    def __init__(self, resource, instance, new):
        self.new = new
        # The key columns name the row (shown beside the diff) and never change on an update.
        self.fields = [f for f in resource.get_import_fields() if f.attribute not in resource._meta.import_id_fields]
        self.columns = [field.column_name for field in self.fields]
        self.left = self._values(instance)
        self.right = self.left

    def _values(self, instance):
        return [field.export(instance) for field in self.fields]

    def compare_with(self, resource, instance):
        self.right = self._values(instance)

    def as_html(self):  # the name django-import-export calls; the template renders these triples
        return [
            (column, "" if self.new else old, new)
            for column, old, new in zip(self.columns, self.left, self.right, strict=True)
            if (new not in ("", None) if self.new else old != new)
        ]


class CatalogResource(resources.ModelResource):
    """Base of the catalog's resources; subclasses say how a row is keyed (`row_key`, `existing_instances`)."""

    WIDGETS_MAP = resources.ModelResource.WIDGETS_MAP | {
        "TextField": widgets.CharWidget,
        "DateField": CalendarDateWidget,
    }
    source_fields: tuple[str, ...] = ()  # checked against the framework's allow-list
    validate_constraints = False  # the model's constraints repeat its validators, as one query each

    class Meta:
        instance_loader_class = KeyedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False  # the preview lists what changes; unchanged rows are only counted
        use_bulk = True
        batch_size = 1000

    def __init__(self, *, previewed_at: datetime.datetime | None = None, rows_digest: str = "", **kwargs):
        super().__init__(**kwargs)
        # Given when the import is being applied: what the preview saw (see `note_versions`).
        self.previewed_at = previewed_at
        self.expected_digest = rows_digest
        self.rows_digest = ""
        self.changed_since_preview = False
        self.dry_run = True
        self.user = None
        self.reason = "Imported from a spreadsheet"
        self.duplicates: dict[int, str] = {}

    @classmethod
    def get_diff_class(cls):
        return ChangedFields

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField):
            kwargs |= {"coerce_to_string": True, "allow_blank": True}  # an empty cell is "", not NULL
        return kwargs

    # Keys ------------------------------------------------------------------------------------

    def row_key(self, row) -> tuple:
        raise NotImplementedError

    def key_label(self, key: tuple) -> str:
        return " × ".join(str(part) for part in key)

    def existing_instances(self, dataset) -> dict:
        """The rows `dataset` names that exist already, by `row_key`."""
        raise NotImplementedError

    def note_versions(self, instances) -> None:
        """Fingerprint the rows this import read. The preview hands its fingerprint to the
        confirmation, which reads the same rows under lock: a different fingerprint means someone
        saved, added or deleted one of them in between."""
        versions = sorted((instance.pk, instance.updated_at.isoformat()) for instance in instances)
        self.rows_digest = hashlib.sha256(repr(versions).encode()).hexdigest()
        self.changed_since_preview = bool(self.expected_digest) and self.rows_digest != self.expected_digest

    def existing(self, queryset):
        """`queryset` read for this import: locked when it is applied, so nobody saves in between."""
        return queryset if self.dry_run else queryset.select_for_update(of=("self",)).order_by("pk")

    # The import ------------------------------------------------------------------------------

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """As django-import-export's, bounded by MAX_ROWS; `preview` (a dict) receives the
        fingerprint of the rows read, for the confirmation."""
        self.dry_run = dry_run
        self.user = kwargs.get("user")
        if kwargs.get("file_name"):
            self.reason = f"Imported from {kwargs['file_name']}"[:100]
        if len(dataset) > MAX_ROWS:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(
                self.get_error_result_class()(
                    TooManyRows(
                        f"This file has {len(dataset):,} rows; one import takes at most {MAX_ROWS:,}. "
                        "Split it (for example by framework) and import the parts one after the other."
                    )
                )
            )
            return result
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        if kwargs.get("preview") is not None:
            kwargs["preview"]["rows_digest"] = self.rows_digest
        return result

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        first_seen: dict[tuple, int] = {}
        for number, values in enumerate(dataset, 1):
            row = {header: spreadsheet.restore(value) for header, value in zip(dataset.headers, values, strict=False)}
            key = self.row_key(row)
            if not all(key):
                continue
            if key in first_seen:
                self.duplicates[number] = (
                    f"Rows {first_seen[key]} and {number} both give {self.key_label(key)}: keep one of them."
                )
            else:
                first_seen[key] = number

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = spreadsheet.restore(value)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        duplicate = self.duplicates.get(kwargs.get("row_number"))
        if duplicate:
            errors.setdefault(NON_FIELD_ERRORS, []).append(duplicate)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self.changed_since_preview and instance.pk and instance.updated_at > self.previewed_at:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"{instance} was changed by {concurrency.display_name(concurrency.last_editor(instance))} at "
                f"{timezone.localtime(instance.updated_at):%-d %b %Y %H:%M:%S}, after your preview. "
                "Nothing was imported: upload the file again to see the preview against their change."
            )
        try:
            instance.full_clean(
                exclude=[*errors, *self.resolved_fields()],
                # Keys were resolved and checked for repeats once for the whole file (before_import).
                validate_unique=False,
                validate_constraints=self.validate_constraints,
            )
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        errors.update(self.source_errors(instance, exclude=errors))
        if errors:
            raise ValidationError(errors)

    def resolved_fields(self) -> list[str]:
        """Foreign keys set by SlugWidget from rows that exist: no need to ask the database again."""
        return [name for name, field in self.fields.items() if isinstance(field.widget, SlugWidget)]

    def source_errors(self, instance, *, exclude) -> dict:
        framework = self.framework_of(instance)
        if framework is None:
            return {}
        found = {}
        for name in self.source_fields:
            if name not in exclude:
                reason = sources.refusal(
                    getattr(instance, name), framework_name=framework.name, source_domains=framework.source_domains
                )
                if reason:
                    found[name] = [reason]
        return found

    def framework_of(self, instance):
        raise NotImplementedError

    def after_import_row(self, row, row_result, **kwargs):
        row_result.number = kwargs.get("row_number")

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.changed_since_preview and not result.has_validation_errors():
            # Nobody to name: a row was added or deleted, or a clock lags behind another server's.
            raise ValidationError(
                "Rows this file names were added, changed or deleted after your preview. "
                "Nothing was imported: upload the file again to see the preview against those changes."
            )

    # Writing ---------------------------------------------------------------------------------

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged when no imported column differs. The key columns found the row, so they are
        equal by construction; comparing them would read the original's related rows, one query each."""
        if import_validation_errors:
            return False
        changed = []
        for name, field in self.fields.items():
            if field.readonly or not field.attribute or name in self._meta.import_id_fields:
                continue
            if field.column_name not in row:
                continue
            new, old = field.get_value(instance), field.get_value(original)
            if isinstance(new, str) and isinstance(old, str) and new != old and _lines(new) == _lines(old):
                # XLSX is XML, which turns the \r\n of a note typed in a browser into \n: the same text.
                setattr(instance, field.attribute, old)
            elif new != old:
                changed.append(field.attribute)
        instance._import_changes = tuple(changed)
        return bool(original.pk) and not changed

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not dry_run and self.create_instances:
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self.user,
                    default_change_reason=self.reason,
                )
                revision.bump()
            except Exception as e:
                self.handle_import_error(result, e, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not dry_run and self.update_instances:
            try:
                self._write_changes(self.update_instances, batch_size)
                revision.bump()
            except Exception as e:
                self.handle_import_error(result, e, raise_errors)
        self.update_instances.clear()

    def _write_changes(self, instances, batch_size) -> None:
        """Each row's changed columns only, grouped so that one UPDATE serves every row that changes
        the same columns; then `updated_at` for all, and one history record per row."""
        model = self._meta.model
        now = timezone.now()  # bulk updates do not apply auto_now
        groups: dict[tuple[str, ...], list] = {}
        for instance in instances:
            groups.setdefault(instance._import_changes, []).append(instance)
            instance.updated_at = now
        for fields, rows in groups.items():
            model._default_manager.bulk_update(rows, fields, batch_size=batch_size)
        pks = [instance.pk for instance in instances]
        for start in range(0, len(pks), batch_size or len(pks)):
            model._default_manager.filter(pk__in=pks[start : start + (batch_size or len(pks))]).update(updated_at=now)
        model.history.bulk_history_create(
            instances,
            batch_size=batch_size,
            update=True,
            default_user=self.user,
            default_change_reason=self.reason,
            default_date=now,
        )

    def bulk_delete(self, using_transactions, dry_run, raise_errors, result=None):
        self.delete_instances.clear()  # imports never delete

    # Export ----------------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return spreadsheet.neutralise(super().export_field(field, instance, **kwargs))
