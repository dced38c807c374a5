"""Per-day and per-account figures of the access logs (rollups.py), and the organization on every log row.

The entry table is made by hand (0004): its organization column too. Rows already stored take
their system's organization; the default only serves that fill (SQLite cannot add a NOT NULL
column without one) and is dropped on PostgreSQL, where COPY names every column. The figures of
the rows and archive files already stored are counted at the end.
"""

import django.db.models.deletion
from django.db import migrations, models


def add_entry_organization(apps, schema_editor):
    execute = schema_editor.execute
    execute("ALTER TABLE registry_accesslogentry ADD COLUMN organization_id bigint NOT NULL DEFAULT 0")
    execute(
        "UPDATE registry_accesslogentry SET organization_id = "
        "(SELECT organization_id FROM registry_system WHERE registry_system.id = registry_accesslogentry.system_id)"
    )
    if schema_editor.connection.vendor == "postgresql":
        execute("ALTER TABLE registry_accesslogentry ALTER COLUMN organization_id DROP DEFAULT")


def drop_entry_organization(apps, schema_editor):
    schema_editor.execute("ALTER TABLE registry_accesslogentry DROP COLUMN organization_id")


def count_stored_rows(apps, schema_editor):
    from registry.access_logs.rollups import rebuild_from_archives

    System = apps.get_model("registry", "System")
    LogArchive = apps.get_model("registry", "LogArchive")
    for system in System.objects.order_by("pk"):
        kept = LogArchive.objects.filter(system=system, status="complete").order_by("month", "part")
        rebuild_from_archives(system.organization_id, system.pk, list(kept))


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_normalize_line_breaks"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_entry_organization, drop_entry_organization)],
            state_operations=[
                migrations.AddField(
                    model_name="accesslogentry",
                    name="organization",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        default=None,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.organization",
                        verbose_name="評価実施機関",
                    ),
                    preserve_default=False,
                ),
            ],
        ),
        migrations.CreateModel(
            name="AccessLogAccountSeen",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "organization", "system", "login_id", "account_ref", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("login_id", models.CharField(max_length=100, verbose_name="ログインID")),
                ("account_ref", models.BigIntegerField(default=0, help_text="0は未登録", verbose_name="利用者アカウント")),
                ("first_at", models.DateTimeField(verbose_name="最初の記録")),
                ("last_at", models.DateTimeField(verbose_name="最後の記録")),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.organization",
                    ),
                ),
                (
                    "system",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.system",
                    ),
                ),
            ],
            options={
                "verbose_name": "アカウントの最終利用",
                "verbose_name_plural": "アカウントの最終利用",
                "default_permissions": ("view",),
                "indexes": [models.Index(fields=["system", "last_at"], name="account_seen_system_last")],
            },
        ),
        migrations.CreateModel(
            name="AccessLogDay",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "organization", "system", "day", "login_id", "account_ref", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("day", models.DateField(verbose_name="日")),
                ("login_id", models.CharField(max_length=100, verbose_name="ログインID")),
                ("account_ref", models.BigIntegerField(default=0, help_text="0は未登録", verbose_name="利用者アカウント")),
                ("rows", models.PositiveIntegerField(verbose_name="件数")),
                (
                    "outside_hours",
                    models.PositiveIntegerField(help_text="8時前または20時以降（日本時間）", verbose_name="時間外の件数"),
                ),
                ("busiest_hour_subjects", models.PositiveIntegerField(verbose_name="1時間の最大対象者数")),
                ("first_at", models.DateTimeField(verbose_name="最初の記録")),
                ("last_at", models.DateTimeField(verbose_name="最後の記録")),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.organization",
                    ),
                ),
                (
                    "system",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.system",
                    ),
                ),
            ],
            options={
                "verbose_name": "アクセスログの日次集計",
                "verbose_name_plural": "アクセスログの日次集計",
                "default_permissions": ("view",),
                "indexes": [models.Index(fields=["system", "day"], name="access_log_day_system")],
            },
        ),
        migrations.RunPython(count_stored_rows, migrations.RunPython.noop),
    ]
