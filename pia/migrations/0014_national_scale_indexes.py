"""Indexes for the public listings and search at a national scale (issue 18).

- ``pia_publication_newest``: newest publications first (home page, Atom feed, JSON index, search's
  first step), with the page id so that a page of the JSON index is found by an index-only scan.
- ``pia_page_not_live``: the few pages that are not live, so that "publications of live pages"
  is an anti-join against a handful of rows rather than a join with every page.
- On PostgreSQL only: the pg_trgm extension and a trigram GIN index on ``search_text``, which
  serves the public search's substring match (``LIKE '%term%'``) for terms of three characters
  or more (SQLite keeps the scan); and ``pia_page_last_published`` for the dashboard's deadlines
  panel (never published first, then the oldest publication).

The indexes are not declared on the model (they are the database's business, not Django's
state), so ``makemigrations`` sees no change.
"""

from django.db import migrations

NEWEST = "CREATE INDEX IF NOT EXISTS pia_publication_newest ON pia_publication (published_at DESC, id DESC, page_id)"
DROP_NEWEST = "DROP INDEX IF EXISTS pia_publication_newest"
NOT_LIVE = "CREATE INDEX IF NOT EXISTS pia_page_not_live ON wagtailcore_page (id) WHERE NOT live"
DROP_NOT_LIVE = "DROP INDEX IF EXISTS pia_page_not_live"
TRIGRAM = (
    "CREATE INDEX IF NOT EXISTS pia_publication_search_trgm ON pia_publication USING gin (search_text gin_trgm_ops)"
)


# The dashboard's 期限と証跡チェック panel: assessments never published first, then the oldest publications.
LAST_PUBLISHED = (
    "CREATE INDEX IF NOT EXISTS pia_page_last_published ON wagtailcore_page (last_published_at ASC NULLS FIRST, path)"
)


def create_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(TRIGRAM)
    schema_editor.execute(LAST_PUBLISHED)


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS pia_publication_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS pia_page_last_published")


class Migration(migrations.Migration):
    dependencies = [("pia", "0013_zenkomokuassessmentpage"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(NEWEST, DROP_NEWEST),
        migrations.RunSQL(NOT_LIVE, DROP_NOT_LIVE),
        migrations.RunPython(create_postgresql_indexes, drop_postgresql_indexes, elidable=False),
    ]
