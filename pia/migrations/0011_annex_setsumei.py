"""提出時期に係る説明 is stored as written (issue 16).

Rows published before kept no 説明: it was printed as the significance's wording followed by the
justification, so that is what they are given, and each publication still prints what it printed.
"""

from django.db import migrations, models

SIGNIFICANT = "重要な変更にあたる項目"
NOT_SIGNIFICANT = "重要な変更にあたらない項目"


def write_out_printed_explanations(apps, schema_editor):
    AnnexRow = apps.get_model("pia", "AnnexRow")
    for row in AnnexRow.objects.filter(setsumei="").iterator():
        wording = SIGNIFICANT if row.is_significant else NOT_SIGNIFICANT
        printed = f"{wording}\n{row.justification}" if row.justification else wording
        AnnexRow.objects.filter(pk=row.pk).update(setsumei=printed)


class Migration(migrations.Migration):
    dependencies = [
        ("pia", "0010_drift_snapshot"),
    ]

    operations = [
        migrations.AddField(
            model_name="annexrow",
            name="setsumei",
            field=models.TextField(blank=True, verbose_name="提出時期に係る説明"),
        ),
        migrations.AddField(
            model_name="annexdecision",
            name="setsumei",
            field=models.TextField(blank=True, verbose_name="提出時期に係る説明（書き換える場合）"),
        ),
        migrations.RunPython(write_out_printed_explanations, migrations.RunPython.noop),
    ]
