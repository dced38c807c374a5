"""Line breaks in registry text as the forms now store them: LF only (see registry/text.py).

Before, a record saved in the admin stored its textareas' line breaks as the browser sent them
(CRLF), so the same text compared unequal to its LF spelling and an unchanged save drifted.
Every text field of the records an assessment can print, and of their history rows (so that a
point-in-time read and the field-by-field history agree with the record), gets CRLF and lone CR
made LF. Nothing else changes: the ends of the texts were already stripped by the forms.

The update writes no history row and sends no signal: stored drift is recomputed by
``manage.py refresh_drift`` after deploying (publications are frozen and keep their text).
"""

from django.db import migrations, models
from django.db.models import Q

RECORD_MODELS = (
    "organization",
    "department",
    "system",
    "personalinformationfile",
    "contractor",
    "delegationcontract",
    "subcontract",
    "destination",
    "staffaccount",
    "trainingrecord",
    "inspectionrecord",
    "incidentrecord",
)
# JSON fields holding lists of texts: the keys of each entry that hold text.
JSON_TEXT_KEYS = {"functions": ("title", "description"), "record_items": ("name",)}
BATCH = 500


def _lf(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lf_entries(value, keys):
    if not isinstance(value, list):
        return value
    return [
        {**entry, **{key: _lf(entry[key]) for key in keys if isinstance(entry.get(key), str)}}
        if isinstance(entry, dict)
        else entry
        for entry in value
    ]


def _normalize_model(model):
    fields = model._meta.concrete_fields
    texts = [f.attname for f in fields if isinstance(f, models.CharField | models.TextField)]
    lists = [f.attname for f in fields if f.name in JSON_TEXT_KEYS]
    if not texts and not lists:
        return
    rows = model._base_manager.all()
    if not lists:
        holding_cr = Q()
        for name in texts:
            holding_cr |= Q(**{f"{name}__contains": "\r"})
        rows = rows.filter(holding_cr)
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        touched = False
        for name in texts:
            value = getattr(row, name)
            if isinstance(value, str) and "\r" in value:
                setattr(row, name, _lf(value))
                touched = True
        for name in lists:
            value = getattr(row, name)
            normalized = _lf_entries(value, JSON_TEXT_KEYS[model._meta.get_field(name).name])
            if normalized != value:
                setattr(row, name, normalized)
                touched = True
        if touched:
            changed.append(row)
        if len(changed) >= BATCH:
            model._base_manager.bulk_update(changed, [*texts, *lists])
            changed = []
    if changed:
        model._base_manager.bulk_update(changed, [*texts, *lists])


def normalize_line_breaks(apps, schema_editor):
    for name in RECORD_MODELS:
        for model_name in (name, f"historical{name}"):
            _normalize_model(apps.get_model("registry", model_name))


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_access_log_hardening"),
    ]

    operations = [
        migrations.RunPython(normalize_line_breaks, migrations.RunPython.noop),
    ]
