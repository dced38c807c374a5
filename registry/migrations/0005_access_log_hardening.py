import re

from django.db import migrations, models

from registry.jp.mynumber import contains_my_number

# Reasons written before this migration could repeat a value of the refused line (「…」, or the
# unknown JSON keys after a colon). Each is rewritten to the value-free reason the code now gives;
# what cannot be recognized keeps only that the line was refused.
_REWRITES = (
    (re.compile(r"^システム「.*ではありません$", re.S), "システム（system）がこのバッチのシステムではありません"),
    (re.compile(r"^日時「.*受信日時より先です$", re.S), "日時（occurred_at）が受信日時より先です"),
    (re.compile(r"^日時「.*を解釈できません$", re.S), "日時（occurred_at）を解釈できません"),
    (re.compile(r"^操作「.*は定義されていません$", re.S), "操作（action）が定義された値ではありません"),
    (re.compile(r"^結果「.*は定義されていません$", re.S), "結果（result）が定義された値ではありません"),
    (re.compile(r"^定義されていない項目があります", re.S), "定義されていない項目があります"),
)
_UNKNOWN = "この行は受け付けませんでした（理由の記録は消去しました）"
_UNNAMED_SOURCE = "（個人番号と思われる数字を含む名前）"


def scrubbed_reason(reason):
    if not isinstance(reason, str):
        return _UNKNOWN
    for pattern, rewritten in _REWRITES:
        if pattern.match(reason):
            return rewritten
    return _UNKNOWN if "「" in reason or len(reason) > 200 or contains_my_number(reason) else reason


def scrubbed_lines(rejected_lines):
    kept = []
    for entry in rejected_lines if isinstance(rejected_lines, list) else []:
        line = entry.get("line") if isinstance(entry, dict) else None
        if isinstance(line, int):
            kept.append({"line": line, "reason": scrubbed_reason(entry.get("reason"))})
    return kept


def scrub_batches(apps, schema_editor):
    """Keep of each refused line only its number and a reason that repeats nothing it held."""
    LogBatch = apps.get_model("registry", "LogBatch")
    for batch in LogBatch.objects.exclude(rejected_lines=[]).iterator(chunk_size=500):
        batch.rejected_lines = scrubbed_lines(batch.rejected_lines)
        batch.save(update_fields=["rejected_lines"])
    for batch in LogBatch.objects.only("pk", "source").iterator(chunk_size=2000):
        if contains_my_number(batch.source):
            LogBatch.objects.filter(pk=batch.pk).update(source=_UNNAMED_SOURCE)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_access_logs"),
    ]

    operations = [
        migrations.AddField(
            model_name="logbatch",
            name="batch_key",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="送信元のバッチID"),
        ),
        migrations.AddField(
            model_name="logbatch",
            name="content_sha256",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="SHA-256（正規化した行）"),
        ),
        migrations.AddConstraint(
            model_name="logbatch",
            constraint=models.UniqueConstraint(
                condition=models.Q(("content_sha256", ""), _negated=True),
                fields=("system", "content_sha256"),
                name="unique_log_batch_content_per_system",
            ),
        ),
        migrations.AddConstraint(
            model_name="logbatch",
            constraint=models.UniqueConstraint(
                condition=models.Q(("batch_key", ""), _negated=True),
                fields=("system", "batch_key"),
                name="unique_log_batch_key_per_system",
            ),
        ),
        # After the schema changes: no row update is pending while a table is altered (PostgreSQL).
        migrations.RunPython(scrub_batches, migrations.RunPython.noop, elidable=True),
    ]
