"""Every admin page each persona can reach speaks Japanese: no English word outside a short allowlist.

Each persona (the officer, the approver (所属長) and the auditor of 長岡市長, the officer of 緑野市長,
an administrator) reads the pages a person opens first (the dashboard, the explorer of the
organization page and of the assessment, the editor, the page and workflow histories, a revision
compare, the registry's listings, edit, history and inspect views, our views under /admin/pia/,
the reports, the account and MFA pages), then every admin URL pattern filled with 長岡市長's
objects as the URL matrix fills them (tests/security/admin_urls.py), and follows every link under
/admin/ it is shown (the sidebar's menu included), reading each page that answers 200: HTML, or a
modal's JSON. Someone not signed in reads the login and password-reset pages. A URL pattern is
read for at most ``PER_VIEW`` different URLs: the second record's edit view says what the first's
said. What is read is what a person sees or hears (tests/i18n/english.py): the text, ``title``,
``aria-label``, ``placeholder``, options, button values, and the texts inside Wagtail's JSON.

The data is in the states that show the most words: a comment with a reply on a field, a change
sent back with a reason, resubmitted and approved (published as the fourth version), another
change awaiting approval, a registry record with a log entry. Tests of their own read the pages
shown after each of those steps (the admin's messages), an assessment locked by someone else,
and the editor refusing a save (and autosave's error message).

What JavaScript writes with its own strings (autosave's tooltips, the comments' "返信を入力…",
a tab's "(1件の誤り)", a collapsed check list's title) is not seen here: the browser tests read it.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from lxml import html as lxml_html
from wagtail.admin.models import EditingSession
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Page, Site, WorkflowState

from accounts.password_validation import DEMO_WORDS, SEQUENCES
from pia.models import OrganizationPage, Publication
from pia.models.lookup import find_assessment
from pia.services.organizations import group_name
from registry.enums import Network
from registry.models import Organization, StaffAccount, System
from tests.editor import edit_form_data
from tests.personas import IDENTIFIER, PersonaTestCase
from tests.security.admin_urls import (
    OTHER,
    OWN,
    REGISTRY_MODEL_NAMES,
    OrgObjects,
    admin_patterns,
    ensure_nagaoka_incident,
    matrix_keys,
    png_bytes,
    registry_objects,
    requests_for,
)

from .english import EnglishFinder, Finding

# Different URLs read per URL pattern (e.g. the editor of the organization page and of the assessment).
PER_VIEW = 2
# URL patterns not read: logging out (POST), a deliberate server error, publication files (PDF,
# Excel, XML: not pages) and the static helpers.
SKIPPED_VIEWS = frozenset(
    {
        "wagtailadmin_logout",
        "wagtailadmin_error_test",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "pia_publication_file",
        "pia_publication_files_request",
    }
)
SKIPPED_PREFIXES = ("wagtailadmin_api:",)  # JSON for the explorer menu and choosers: titles only

# Wagtail's Japanese that misleads, replaced in config/locale (e.g. 「調整のために提出されました」 for
# "submitted for moderation"): none of it may come back.
POOR_JAPANESE = ("調整のため", "レビューの待機中", "ログエントリー", "ライブ版", "孫ページ")

REASON = "使用目的の根拠法令を明記してください。"
COMMENT = "保管場所の記載を台帳と合わせてください。"
REPLY = "台帳の記載に合わせました。"


@dataclass
class Reading:
    """What one persona's crawl read: the pages, and the English found on each."""

    visited: dict[str, str] = field(default_factory=dict)  # URL -> URL pattern name
    findings: dict[str, list[Finding]] = field(default_factory=dict)


@functools.cache
def pattern_names() -> dict[str, str]:
    """URL pattern name by route; a scoped pattern without a name (put in front of Wagtail's) by Wagtail's name."""
    return {pattern.route.replace("^", "").replace("$", ""): pattern.key for pattern in admin_patterns()}


def view_name(path: str) -> str | None:
    """The name of the URL pattern *path* resolves to, or its route when it has none."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name:
        return match.view_name
    route = match.route.replace("^", "").replace("$", "")
    return pattern_names().get(route, route)


class AdminPagesAreJapaneseTest(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build_history()
        ensure_nagaoka_incident()  # every registry record type has one record to fill the patterns
        cls.objects = cls.pattern_objects()
        cls.finder = EnglishFinder(cls.identifiers())

    # -----------------------------------------------------------------------------------------
    # The data

    @classmethod
    def build_history(cls):
        """A comment and its reply, a change sent back, resubmitted and approved, one more awaiting approval.

        The page each person is shown after each step (with the admin's message about it) is kept
        in ``after_actions`` for test_what_the_admin_says_after_each_step_is_japanese.
        """
        cls.after_actions: list[tuple[str, str, str]] = []  # (persona, step, the page shown next)
        page = cls.assessment
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        officer, approver = Client(), Client()
        officer.force_login(cls.officer)
        approver.force_login(cls.approver)

        data = edit_form_data(find_assessment(IDENTIFIER))
        data.update(
            {
                "comments-TOTAL_FORMS": "1",
                "comments-0-id": "",
                "comments-0-contentpath": "title",
                "comments-0-position": "",
                "comments-0-text": COMMENT,
                "comments-0-resolved": "",
                "comments-0-DELETE": "",
                "comments-0-replies-TOTAL_FORMS": "1",
                "comments-0-replies-INITIAL_FORMS": "0",
                "comments-0-replies-MIN_NUM_FORMS": "0",
                "comments-0-replies-MAX_NUM_FORMS": "1000",
                "comments-0-replies-0-id": "",
                "comments-0-replies-0-text": REPLY,
                "comments-0-replies-0-DELETE": "",
            }
        )
        cls.shown_after(officer, "officer", "下書きの保存（コメントと返信）", officer.post(edit_url, data))

        cls.submit(officer, "予防接種事務の効率的な運用を図るため（第一案）。", "承認の申請")
        state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.current_task_state.pk])
        response = approver.post(action, {"comment": REASON}, headers={"x-requested-with": "XMLHttpRequest"})
        cls.shown_after(approver, "approver", "差戻し", response)
        cls.submit(officer, "予防接種事務の効率的な運用を図るため（根拠法令を明記）。", "再申請")
        approval = {"kohyo_bi": "2026-12-04", "comment": "", "confirmed": "on"}
        response = approver.post(reverse("pia_assessment_approval", args=[page.pk]), approval)
        cls.shown_after(approver, "approver", "承認（公表）", response)
        cls.submit(officer, "予防接種事務の効率的な運用を図るため（第五版の案）。", "次の版の承認の申請")

        # Registry records changed: a log entry in a record's history; a list of choices and a yes/no
        # field changed in the field-by-field history (変更履歴（項目ごと）).
        system = System.objects.filter(organization=cls.organization).order_by("pk").first()
        log(instance=system, action="wagtail.edit", user=cls.officer)
        system.networks = [*system.networks, Network.JUKI_NW]
        system.save()
        account = StaffAccount.objects.filter(organization=cls.organization).order_by("pk").first()
        account.active = not account.active
        account.save()

    @classmethod
    def submit(cls, client: Client, purpose: str, step: str) -> None:
        page = find_assessment(IDENTIFIER)
        values = page.get_values()
        values["files"][0]["nyushu"]["shiyo_mokuteki"] = purpose
        data = edit_form_data(page, values, **{"action-submit": "submit"})
        cls.shown_after(client, "officer", step, client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data))

    @classmethod
    def shown_after(cls, client: Client, persona: str, step: str, response) -> None:
        """Keep the page shown after *step*: where a redirect leads, else the dashboard (a modal's step)."""
        if response.status_code == 302:
            url = response["Location"]
        else:
            assert response.status_code == 200, (step, response.status_code)
            url = reverse("wagtailadmin_home")
        shown = client.get(url)
        assert shown.status_code == 200, (step, url, shown.status_code)
        cls.after_actions.append((persona, f"{step} → {url}", shown.content.decode()))

    @classmethod
    def pattern_objects(cls) -> OrgObjects:
        """What fills the URL patterns' parameters, as the URL matrix fills them for its own organization.

        The workflow in progress is the last submission's (the matrix's ``collect`` would start one).
        """
        page = find_assessment(IDENTIFIER)
        state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        task_state = state.current_task_state
        return OrgObjects(
            org=cls.organization,
            org_page=OrganizationPage.objects.get(organization=cls.organization),
            page=page,
            revisions=list(page.revisions.order_by("created_at", "pk")),
            workflow=state.workflow,
            task=task_state.task.specific,
            workflow_state=state,
            task_state=task_state,
            user=cls.officer,
            group=Group.objects.get(name=group_name(cls.organization, "officer")),
            document=Document.objects.create(title="長岡市 監査資料", file=ContentFile(b"%PDF-1.4\n", name="doc.pdf")),
            image=Image.objects.create(title="長岡市 画像", file=ContentFile(png_bytes(), name="image.png")),
            editing_session=EditingSession.objects.create(
                user=cls.officer,
                content_type=page.content_type,
                object_id=str(page.pk),
                last_seen_at=page.latest_revision.created_at,
            ),
            publication_version=Publication.objects.filter(page=page).order_by("-version").first().version,
            registry=registry_objects(cls.organization),
        )

    @classmethod
    def identifiers(cls) -> set[str]:
        """Strings of the data that are identifiers, not prose: user names, slugs, codes, login IDs."""
        found: set[str] = set()
        for user in get_user_model().objects.all():
            found |= {user.username, user.email}
        found |= set(Organization.objects.values_list("slug", flat=True))
        found |= set(Page.objects.values_list("slug", flat=True))
        found |= set(System.objects.values_list("code", flat=True))
        found |= set(StaffAccount.objects.values_list("login_id", flat=True))
        found |= set(Site.objects.values_list("hostname", flat=True))
        found |= {name.rsplit("/", 1)[-1] for name in Document.objects.values_list("file", flat=True)}
        found |= {name.rsplit("/", 1)[-1] for name in Image.objects.values_list("file", flat=True)}
        # What the password rules tell people not to type, quoted literally: demo, password, abcdef, qwerty.
        found |= set(DEMO_WORDS) | {sequence[:6] for sequence in SEQUENCES}
        return found

    # -----------------------------------------------------------------------------------------
    # Where the personas start

    def pattern_urls(self) -> list[tuple[str, str]]:
        """Every admin URL pattern filled with 長岡市長's objects (tests/security/admin_urls.py), with its key."""
        orgs = {OWN: self.objects, OTHER: self.objects}
        return [
            (request.url, request.key)
            for key, pattern in matrix_keys(admin_patterns()).items()
            for request in requests_for(key, pattern, orgs)
        ]

    def seeds(self) -> list[str | tuple[str, str]]:
        """The pages a person opens first, then every admin URL pattern."""
        page = self.fresh_assessment()
        org_page = OrganizationPage.objects.get(organization=self.organization)
        revisions = list(page.revisions.order_by("created_at", "pk"))
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[org_page.pk]),
            reverse("wagtailadmin_explore", args=[page.pk]),
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0].pk, revisions[-1].pk]),
            reverse("wagtailadmin_pages:usage", args=[page.pk]),
            reverse("wagtailadmin_pages:search") + "?q=予防接種",
            reverse("pia_assessments"),
            reverse("wagtailadmin_account"),
            reverse("accounts_mfa_setup"),
            reverse("accounts_mfa_verify"),
            reverse("accounts_lockouts"),
            reverse("accounts_mfa_users"),
            reverse("registry_access_logs"),
            reverse("registry_access_log_searches"),
            "/admin/test404/",
        ]
        for state in WorkflowState.objects.filter(object_id=str(page.pk)):
            urls.append(reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]))
        for name in (
            "pia_assessment_document",
            "pia_assessment_compare",
            "pia_assessment_timeline",
            "pia_assessment_annex",
            "pia_assessment_checks",
            "pia_assessment_approval",
        ):
            urls.append(reverse(name, args=[page.pk]))
        for name in (
            "locked_pages",
            "workflow",
            "workflow_tasks",
            "site_history",
            "aging_pages",
            "page_types_usage",
        ):
            urls.append(reverse(f"wagtailadmin_reports:{name}"))
        records = registry_objects(self.organization)
        for model_name in REGISTRY_MODEL_NAMES:
            viewset = apps.get_model("registry", model_name).snippet_viewset
            urls += [reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))]
            if (record := records[model_name]) is not None:
                for view in ("edit", "history", "inspect", "usage", "changes", "delete"):
                    urls.append(reverse(viewset.get_url_name(view), args=[record.pk]))
        return [*urls, *self.pattern_urls()]

    ANONYMOUS_SEEDS = (
        "/admin/login/",
        "/admin/password_reset/",
        "/admin/password_reset/done/",
    )

    # -----------------------------------------------------------------------------------------
    # Reading

    def read(self, client: Client, seeds: list[str | tuple[str, str]], *, follow: bool = True) -> Reading:
        """Read *seeds* and, with *follow*, every admin page they link to, breadth first.

        A seed is a URL, or a URL and the key it is counted under (a pattern of the URL matrix);
        a URL found in a page is counted under its pattern's name, at most PER_VIEW times.
        """
        reading = Reading()
        per_view: dict[str, int] = defaultdict(int)
        queue = deque(seed if isinstance(seed, tuple) else (seed, None) for seed in seeds)
        seen = set()
        while queue:
            url, key = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            name = view_name(urlsplit(url).path)
            if name is None or name in SKIPPED_VIEWS or name.startswith(SKIPPED_PREFIXES):
                continue
            key = key or name
            if per_view[key] >= PER_VIEW:
                continue
            response = client.get(url)
            if response.status_code in (301, 302):
                if follow and (target := self.admin_path(url, response["Location"])):
                    queue.append((target, None))
                continue
            if response.status_code != 200:
                continue
            per_view[key] += 1
            markups = self.markups(response)
            if markups is None:
                continue
            reading.visited[url] = name
            findings = []
            for markup in markups:
                findings += self.check(markup)
            if response.get("Content-Type", "").startswith("application/json"):
                findings += self.json_findings(response)
            if findings:
                reading.findings[url] = findings
            if follow:
                for markup in markups:
                    queue.extend((link, None) for link in self.links(url, markup))
        return reading

    def check(self, markup: str) -> list[Finding]:
        """The English words in *markup*, and any of Wagtail's misleading Japanese we replaced."""
        found = self.finder.in_markup(markup)
        return found + [Finding(phrase, phrase, "直した訳") for phrase in POOR_JAPANESE if phrase in markup]

    @staticmethod
    def markups(response) -> list[str] | None:
        """The HTML a response shows: the page, or the HTML inside a modal's JSON; None for anything else."""
        content_type = response.get("Content-Type", "")
        if getattr(response, "streaming", False):
            return None
        if content_type.startswith("text/html"):
            return [response.content.decode()]
        if content_type.startswith("application/json"):
            try:
                data = json.loads(response.content)
            except ValueError:
                return None
            if isinstance(data, dict):
                return [value for value in data.values() if isinstance(value, str) and value.lstrip().startswith("<")]
        return None

    def json_findings(self, response) -> list[Finding]:
        data = json.loads(response.content)
        if not isinstance(data, dict):
            return []
        return [
            finding
            for key in ("message", "error_message")
            if isinstance(data.get(key), str)
            for finding in self.finder.in_text(data[key], f"JSON {key}")
        ]

    @staticmethod
    def admin_path(base: str, href: str) -> str | None:
        """*href* as a path under /admin/ without its query and fragment, or None when it leads elsewhere."""
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.netloc != "testserver" or not parts.path.startswith("/admin/"):
            return None
        return parts.path

    def links(self, base: str, markup: str) -> list[str]:
        """The admin pages *markup* links to: its links, and the sidebar's menu (JSON read by JavaScript)."""
        if not markup.strip():
            return []
        root = lxml_html.fromstring(markup)
        hrefs = [element.get("href") or "" for element in root.iter("a")]
        for script in root.iter("script"):
            if script.get("id") == "wagtail-sidebar-props":
                hrefs += re.findall(r'"url": "(/admin/[^"]*)"', script.text or "")
        return [path for href in hrefs if (path := self.admin_path(base, href))]

    # -----------------------------------------------------------------------------------------
    # Reporting

    def report(self, readings: dict[str, Reading]) -> str:
        """Per page: the personas that saw English there, the words, and each text they were in."""
        by_page: dict[tuple[str, str], dict[str, tuple[str, ...]]] = defaultdict(dict)
        for persona, reading in readings.items():
            for url, findings in reading.findings.items():
                texts: dict[str, set[str]] = defaultdict(set)
                for finding in findings:
                    texts[f"「{finding.text}」（{finding.where}）"].add(finding.word)
                lines = tuple(f"{text}: {', '.join(sorted(words))}" for text, words in sorted(texts.items()))
                by_page[(reading.visited[url], url)][persona] = lines
        blocks = []
        for (name, url), personas in sorted(by_page.items()):
            grouped: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for persona, lines in personas.items():
                grouped[lines].append(persona)
            for lines, who in grouped.items():
                words = sorted({w for line in lines for w in line.rsplit(": ", 1)[1].split(", ")})
                blocks.append(f"{url} ({name}) [{', '.join(who)}]: {', '.join(words)}")
                blocks += [f"    {line}" for line in lines]
        return "\n".join(blocks)

    def assert_japanese(self, readings: dict[str, Reading]) -> None:
        report = self.report(readings)
        if report:
            self.fail("英語の表示が残っています（ページ、ペルソナ、語と、その語を含む表示）:\n" + report)

    def clients(self) -> dict[str, Client]:
        clients = {}
        for persona, user in self.personas().items():
            clients[persona] = Client(raise_request_exception=True)
            clients[persona].force_login(user)
        return clients

    # -----------------------------------------------------------------------------------------
    # The tests

    @override_settings(WAGTAIL_AUTOSAVE_INTERVAL=500)  # the editor then shows autosave's indicator
    def test_every_admin_page_each_persona_reaches_is_japanese(self):
        readings = {persona: self.read(client, self.seeds()) for persona, client in self.clients().items()}
        readings["anonymous"] = self.read(Client(), self.ANONYMOUS_SEEDS)

        # The crawl reached what it must read (a persona denied a page reads the others).
        read_views = {name for reading in readings.values() for name in reading.visited.values()}
        for name in (
            "wagtailadmin_home",
            "wagtailadmin_explore",
            "wagtailadmin_pages:edit",
            "wagtailadmin_pages:history",
            "wagtailadmin_pages:workflow_history",
            "wagtailadmin_pages:workflow_history_detail",
            "pia_assessment_compare",  # Wagtail's revisions compare of an assessment opens ours
            "wagtailadmin_reports:site_history",
            "wagtailadmin_account",
            "accounts_mfa_setup",
            "pia_assessments",
            "pia_assessment_timeline",
            "wagtailsnippets_registry_system:list",
            "wagtailsnippets_registry_system:edit",
            "wagtailsnippets_registry_system:history",
            "wagtailadmin_login",
        ):
            self.assertIn(name, read_views)
        self.assertGreater(sum(len(r.visited) for r in readings.values()), 200)
        self.assert_japanese(readings)

    def test_an_assessment_locked_by_someone_else_is_shown_in_japanese(self):
        """The administrator locks the assessment: what each sees of the lock, and the messages of locking."""
        page = self.fresh_assessment()
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        urls = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
            edit_url,
            reverse("wagtailadmin_reports:locked_pages"),
        ]
        clients = self.clients()
        locked = clients["admin"].post(reverse("wagtailadmin_pages:lock", args=[page.pk]), {"next": edit_url})
        self.assertEqual(locked.status_code, 302)
        self.assertTrue(Page.objects.get(pk=page.pk).locked)
        readings = {"admin": self.read(clients["admin"], [locked["Location"], *urls], follow=False)}
        for persona in ("officer", "approver"):
            readings[persona] = self.read(clients[persona], urls, follow=False)
        self.assertIn(edit_url, readings["officer"].visited)
        unlocked = clients["admin"].post(reverse("wagtailadmin_pages:unlock", args=[page.pk]), {"next": edit_url})
        self.assertEqual(unlocked.status_code, 302)
        readings["admin (unlocked)"] = self.read(clients["admin"], [unlocked["Location"]], follow=False)
        self.assert_japanese(readings)

    def test_what_the_admin_says_after_each_step_is_japanese(self):
        """Saving with a comment, submitting, sending back, resubmitting, approving: each page shown next."""
        readings: dict[str, Reading] = defaultdict(Reading)
        for persona, step, markup in self.after_actions:
            reading = readings[persona]
            reading.visited[step] = "after"
            if found := self.check(markup):
                reading.findings[step] = found
        self.assertEqual(len(self.after_actions), 6)
        self.assert_japanese(readings)

    @override_settings(WAGTAIL_AUTOSAVE_INTERVAL=500)
    def test_the_editor_showing_a_validation_error_is_japanese(self):
        page = self.fresh_assessment()
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        client = self.clients()["officer"]
        data = edit_form_data(page, title="")
        readings = {}
        response = client.post(url, data)
        self.assertEqual(response.status_code, 200)
        reading = Reading(visited={url: "wagtailadmin_pages:edit (POST)"})
        if found := self.check(response.content.decode()):
            reading.findings[url] = found
        readings["officer"] = reading
        # Autosave posts the same form and shows the JSON's error message beside its indicator.
        response = client.post(url, data, headers={"accept": "application/json"})
        self.assertEqual(response.status_code, 400)
        reading = Reading(visited={url: "wagtailadmin_pages:edit (autosave)"})
        if found := self.json_findings(response):
            reading.findings[url] = found
        readings["officer (autosave)"] = reading
        self.assert_japanese(readings)
