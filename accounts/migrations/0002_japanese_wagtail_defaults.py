"""Japanese names for what Wagtail's own migrations create in English and administrators see.

Wagtail creates the page tree's root ("Root"), the root collection ("Root"), a welcome page
(replaced by the portal, but its title stays in the site history), the groups "Moderators" and
"Editors", and a workflow and task "Moderators approval" (on the root: the portal and the
organization pages). Each is renamed only while it still has Wagtail's name.
"""

from django.db import migrations

# Page titles by depth: the root (1) and the welcome page under it (2).
PAGES = {"Root": "ルート", "Welcome to your new Wagtail site!": "初期ページ"}
PAGE_DEPTHS = {"Root": 1, "ルート": 1, "Welcome to your new Wagtail site!": 2, "初期ページ": 2}
COLLECTIONS = {"Root": "ルート"}
GROUPS = {"Moderators": "承認者", "Editors": "編集者"}
WORKFLOWS = {"Moderators approval": "承認者による承認"}


def rename(apps, names):
    Page = apps.get_model("wagtailcore", "Page")
    for old, new in names["pages"].items():
        Page.objects.filter(title=old, depth=PAGE_DEPTHS[old]).update(title=new, draft_title=new)
    Collection = apps.get_model("wagtailcore", "Collection")
    for old, new in names["collections"].items():
        Collection.objects.filter(name=old, depth=1).update(name=new)
    Group = apps.get_model("auth", "Group")
    for old, new in names["groups"].items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for model in ("Workflow", "Task"):
        for old, new in names["workflows"].items():
            apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, {"pages": PAGES, "collections": COLLECTIONS, "groups": GROUPS, "workflows": WORKFLOWS})


def backwards(apps, schema_editor):
    def flip(names):
        return {new: old for old, new in names.items()}

    rename(
        apps,
        {
            "pages": flip(PAGES),
            "collections": flip(COLLECTIONS),
            "groups": flip(GROUPS),
            "workflows": flip(WORKFLOWS),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
