"""The expected outcome of every admin URL for every persona: the one table of the URL matrix.

Rows are keyed by (URL name or route, owner of the object in the URL): ``own`` is 長岡市長's
(the officer's, approver's and auditor's organization), ``other`` is 緑野市長's (the outsider's),
``none`` when the URL names no object of an organization. A URL without a row fails the test.
Outcomes: OK (200, or a redirect within the admin), DENIED (403, 404, or Wagtail's redirect to
the dashboard with "permission denied"), LOGIN (redirect to the login page), METHOD (405: the
URL takes POST only). A set allows either (a confirmation page that offers nothing to do).
"""

from __future__ import annotations

from .admin_urls import NONE, OTHER, OWN, REGISTRY_MODEL_NAMES

OK, DENIED, LOGIN, METHOD, ERROR = "ok", "denied", "login", "method", "error"
# A bulk-action confirmation shows the chosen items with "no permission": nothing leaks, nothing runs.
CONFIRM_ONLY = frozenset({OK, DENIED})
PERSONAS = ("officer", "approver", "auditor", "outsider", "admin", "anonymous")

Outcome = str | frozenset
Row = dict[str, Outcome]


def scoped(officer: Outcome, approver: Outcome, auditor: Outcome, *, admin: Outcome = OK) -> dict[str, Row]:
    """A URL taking an object of one organization: members per role, non-members never.

    On 緑野市長's object, its officer (the outsider) gets what Nagaoka's officer gets on Nagaoka's.
    """
    return {
        OWN: {
            "officer": officer,
            "approver": approver,
            "auditor": auditor,
            "outsider": DENIED,
            "admin": admin,
            "anonymous": LOGIN,
        },
        OTHER: {
            "officer": DENIED,
            "approver": DENIED,
            "auditor": DENIED,
            "outsider": officer,
            "admin": admin,
            "anonymous": LOGIN,
        },
    }


def shared(
    officer: Outcome, approver: Outcome, auditor: Outcome, outsider: Outcome, admin: Outcome = OK, anonymous=LOGIN
) -> dict[str, Row]:
    """A URL naming no organization's object (lists, searches, choosers: scoped in their content)."""
    return {
        NONE: {
            "officer": officer,
            "approver": approver,
            "auditor": auditor,
            "outsider": outsider,
            "admin": admin,
            "anonymous": anonymous,
        }
    }


def everyone(outcome: Outcome) -> dict[str, Row]:
    return shared(outcome, outcome, outcome, outcome, outcome, anonymous=outcome)


MEMBERS = shared(OK, OK, OK, OK)
NOT_FOR_AUDITORS = shared(OK, OK, DENIED, OK)
ADMIN_ONLY = shared(DENIED, DENIED, DENIED, DENIED)
ADMIN_ONLY_SCOPED = scoped(DENIED, DENIED, DENIED)
POST_ONLY = shared(METHOD, METHOD, METHOD, METHOD, METHOD)
# A POST-only URL answers 405 to a GET before it looks at the object: nothing is shown to anyone.
POST_ONLY_SCOPED = {
    owner: {persona: (LOGIN if persona == "anonymous" else METHOD) for persona in PERSONAS} for owner in (OWN, OTHER)
}
READ = scoped(OK, OK, OK)  # every member reads, auditors included
EDIT = scoped(OK, OK, DENIED)  # officer and approver edit; auditors read only
APPROVE = scoped(DENIED, OK, DENIED)  # the approver (所属長) publishes, approves, unpublishes
NOBODY_SCOPED = scoped(DENIED, DENIED, DENIED, admin=DENIED)

EXPECTED: dict[str, dict[str, Row]] = {
    # Dashboard, account, login and static helpers.
    "wagtailadmin_home": MEMBERS,
    "wagtailadmin_account": MEMBERS,
    "wagtailadmin_logout": shared(METHOD, METHOD, METHOD, METHOD, METHOD),  # POST only
    "wagtailadmin_dismissibles": MEMBERS,
    "wagtailadmin_block_preview": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "admin/test404/": MEMBERS,
    "wagtailadmin_error_test": shared(ERROR, ERROR, ERROR, ERROR, ERROR),
    "admin/^.*/$": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailadmin_sprite": everyone(OK),
    "wagtailadmin_login": shared(DENIED, DENIED, DENIED, DENIED, DENIED, anonymous=OK),
    "wagtailadmin_password_reset": everyone(OK),
    "wagtailadmin_password_reset_done": everyone(OK),
    "wagtailadmin_password_reset_confirm": everyone(OK),
    "wagtailadmin_password_reset_complete": everyone(OK),
    "wagtailadmin_javascript_catalog": everyone(OK),
    "wagtailadmin_tag_autocomplete": MEMBERS,
    "wagtailadmin_tag_model_autocomplete": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailadmin_editing_sessions:ping": POST_ONLY_SCOPED,
    "wagtailadmin_editing_sessions:release": POST_ONLY_SCOPED,
    # Wagtail's admin API (used by the page chooser and the explorer menu).
    "wagtailadmin_api:pages:listing": MEMBERS,
    "wagtailadmin_api:pages:detail": scoped(OK, OK, DENIED),
    "wagtailadmin_api:pages:find": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailadmin_api:pages:action": POST_ONLY_SCOPED,
    "wagtailadmin_api:documents:listing": MEMBERS,
    "wagtailadmin_api:documents:detail": ADMIN_ONLY_SCOPED,  # documents belong to no organization
    "wagtailadmin_api:documents:find": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailadmin_api:images:listing": MEMBERS,
    "wagtailadmin_api:images:detail": ADMIN_ONLY_SCOPED,
    "wagtailadmin_api:images:find": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    # The page explorer and page views.
    "wagtailadmin_explore_root": NOT_FOR_AUDITORS,
    "wagtailadmin_explore": EDIT,
    "wagtailadmin_explore_results": EDIT,
    "wagtailadmin_pages:add": EDIT,
    "wagtailadmin_pages:preview_on_add": EDIT,
    "wagtailadmin_pages:type_use": NOT_FOR_AUDITORS,
    "wagtailadmin_pages:type_use_results": NOT_FOR_AUDITORS,
    "wagtailadmin_pages:choose_parent": MEMBERS,
    "wagtailadmin_pages:usage": EDIT,
    "wagtailadmin_pages:edit": EDIT,
    "wagtailadmin_pages:preview_on_edit": EDIT,
    "wagtailadmin_pages:view_draft": EDIT,
    "wagtailadmin_pages:add_subpage": EDIT,
    "wagtailadmin_pages:delete": APPROVE,
    "wagtailadmin_pages:unpublish": APPROVE,
    "wagtailadmin_pages:convert_alias": NOBODY_SCOPED,  # the assessment is no alias: not found for anyone
    "wagtailadmin_pages:search": NOT_FOR_AUDITORS,
    "wagtailadmin_pages:search_results": NOT_FOR_AUDITORS,
    "wagtailadmin_pages:move": APPROVE,
    "wagtailadmin_pages:move_confirm": APPROVE,
    "wagtailadmin_pages:set_page_position": POST_ONLY_SCOPED,
    "wagtailadmin_pages:copy": EDIT,
    "wagtailadmin_pages:workflow_action": APPROVE,
    "wagtailadmin_pages:collect_workflow_action_data": APPROVE,
    "wagtailadmin_pages:confirm_workflow_cancellation": scoped(OK, OK, CONFIRM_ONLY),
    "wagtailadmin_pages:workflow_preview": APPROVE,
    "wagtailadmin_pages:set_privacy": APPROVE,
    # POST only; another organization's page is not found before the method is looked at.
    "wagtailadmin_pages:lock": scoped(METHOD, METHOD, METHOD, admin=METHOD),
    "wagtailadmin_pages:unlock": scoped(METHOD, METHOD, METHOD, admin=METHOD),
    "wagtailadmin_pages:revisions_index": READ,
    "wagtailadmin_pages:revisions_view": READ,
    "wagtailadmin_pages:revisions_revert": EDIT,
    "wagtailadmin_pages:revisions_unschedule": APPROVE,
    "wagtailadmin_pages:revisions_compare": READ,
    "wagtailadmin_pages:workflow_history": READ,
    "wagtailadmin_pages:workflow_history_detail": READ,
    "wagtailadmin_pages:history": READ,
    "wagtailadmin_pages:history_results": READ,
    # The page chooser (its content scoped to the user's organization).
    "wagtailadmin_choose_page": MEMBERS,
    "wagtailadmin_choose_page_child": READ,
    "wagtailadmin_choose_page_search": MEMBERS,
    "wagtailadmin_choose_page_chosen_multiple": MEMBERS,
    "wagtailadmin_choose_page_external_link": MEMBERS,
    "wagtailadmin_choose_page_email_link": MEMBERS,
    "wagtailadmin_choose_page_phone_link": MEMBERS,
    "wagtailadmin_choose_page_anchor_link": MEMBERS,
    # Collections, workflows and tasks: administrators only.
    "wagtailadmin_collections:index": ADMIN_ONLY,
    "wagtailadmin_collections:add": ADMIN_ONLY,
    "wagtailadmin_collections:edit": shared(DENIED, DENIED, DENIED, DENIED, DENIED),  # the root is not editable
    "wagtailadmin_collections:delete": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailadmin_collections:set_privacy": ADMIN_ONLY,
    "wagtailadmin_workflows:index": ADMIN_ONLY,
    "wagtailadmin_workflows:index_results": ADMIN_ONLY,
    "wagtailadmin_workflows:add": ADMIN_ONLY,
    "wagtailadmin_workflows:enable": POST_ONLY_SCOPED,
    "wagtailadmin_workflows:disable": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:edit": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:usage": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:usage_results": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:remove admin/workflows/remove/<int:page_pk>/": POST_ONLY_SCOPED,
    "wagtailadmin_workflows:remove admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": POST_ONLY_SCOPED,
    "wagtailadmin_workflows:add_task": ADMIN_ONLY,
    "wagtailadmin_workflows:select_task_type": ADMIN_ONLY,
    "wagtailadmin_workflows:task_index": ADMIN_ONLY,
    "wagtailadmin_workflows:task_index_results": ADMIN_ONLY,
    "wagtailadmin_workflows:edit_task": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:disable_task": ADMIN_ONLY_SCOPED,
    "wagtailadmin_workflows:enable_task": POST_ONLY_SCOPED,
    "wagtailadmin_workflows:task_chooser": ADMIN_ONLY,
    "wagtailadmin_workflows:task_chooser_results": ADMIN_ONLY,
    "wagtailadmin_workflows:task_chooser_create": ADMIN_ONLY,
    "wagtailadmin_workflows:task_chosen": ADMIN_ONLY_SCOPED,
    # Reports: each scoped to the user's organization (the site history included).
    "wagtailadmin_reports:locked_pages": shared(DENIED, OK, DENIED, DENIED),
    "wagtailadmin_reports:locked_pages_results": shared(DENIED, OK, DENIED, DENIED),
    "wagtailadmin_reports:workflow": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:workflow_results": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:workflow_tasks": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:workflow_tasks_results": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:site_history": MEMBERS,
    "wagtailadmin_reports:site_history_results": MEMBERS,
    "wagtailadmin_reports:aging_pages": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:aging_pages_results": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:page_types_usage": NOT_FOR_AUDITORS,
    "wagtailadmin_reports:page_types_usage_results": NOT_FOR_AUDITORS,
    # Form submissions, redirects, settings: nothing of ours; administrators only.
    "wagtailforms:index": NOT_FOR_AUDITORS,  # lists form pages (there are none): nothing to scope
    "wagtailforms:index_results": NOT_FOR_AUDITORS,
    "wagtailforms:list_submissions": NOBODY_SCOPED,  # an assessment is no form page
    "wagtailforms:list_submissions_results": NOBODY_SCOPED,
    "wagtailforms:delete_submissions": NOBODY_SCOPED,
    "wagtailredirects:index": ADMIN_ONLY,
    "wagtailredirects:index_results": ADMIN_ONLY,
    "wagtailredirects:add": ADMIN_ONLY,
    "wagtailredirects:edit": ADMIN_ONLY,
    "wagtailredirects:delete": ADMIN_ONLY,
    "wagtailredirects:start_import": ADMIN_ONLY,
    "wagtailredirects:process_import": shared(DENIED, DENIED, DENIED, DENIED, METHOD),
    "wagtailsettings:edit admin/settings/<slug:app_name>/<slug:model_name>/": shared(
        DENIED, DENIED, DENIED, DENIED, DENIED
    ),
    "wagtailsettings:edit admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": shared(
        DENIED, DENIED, DENIED, DENIED, DENIED
    ),
    "wagtailsettings:preview_on_edit": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    "wagtailsnippets:index": shared(DENIED, DENIED, DENIED, DENIED, DENIED),
    # Documents and images: not used by the organizations; administrators only.
    "wagtaildocs:index": ADMIN_ONLY,
    "wagtaildocs:index_results": ADMIN_ONLY,
    "wagtaildocs:add": ADMIN_ONLY,
    "wagtaildocs:edit": ADMIN_ONLY_SCOPED,
    "wagtaildocs:delete": ADMIN_ONLY_SCOPED,
    "wagtaildocs:add_multiple": ADMIN_ONLY,
    "wagtaildocs:edit_multiple": POST_ONLY_SCOPED,
    "wagtaildocs:create_multiple_from_uploaded_document": POST_ONLY,
    "wagtaildocs:delete_multiple": POST_ONLY_SCOPED,
    "wagtaildocs:delete_upload_multiple": POST_ONLY,
    "wagtaildocs:document_usage": ADMIN_ONLY_SCOPED,
    "wagtaildocs_chooser:choose": MEMBERS,
    "wagtaildocs_chooser:choose_results": MEMBERS,
    "wagtaildocs_chooser:chosen": ADMIN_ONLY_SCOPED,
    "wagtaildocs_chooser:chosen_multiple": MEMBERS,
    "wagtaildocs_chooser:create": ADMIN_ONLY,
    "wagtailimages:index": ADMIN_ONLY,
    "wagtailimages:index_results": ADMIN_ONLY,
    "wagtailimages:add": ADMIN_ONLY,
    "wagtailimages:edit": ADMIN_ONLY_SCOPED,
    "wagtailimages:delete": ADMIN_ONLY_SCOPED,
    "wagtailimages:url_generator": NOBODY_SCOPED,
    "wagtailimages:url_generator_output": NOBODY_SCOPED,
    "wagtailimages:preview": ADMIN_ONLY_SCOPED,
    "wagtailimages:image_usage": ADMIN_ONLY_SCOPED,
    "wagtailimages:add_multiple": ADMIN_ONLY,
    "wagtailimages:edit_multiple": POST_ONLY_SCOPED,
    "wagtailimages:create_multiple_from_uploaded_image": POST_ONLY,
    "wagtailimages:delete_multiple": POST_ONLY_SCOPED,
    "wagtailimages:delete_upload_multiple": POST_ONLY,
    "wagtailimages_chooser:choose": MEMBERS,
    "wagtailimages_chooser:choose_results": MEMBERS,
    "wagtailimages_chooser:chosen": ADMIN_ONLY_SCOPED,
    "wagtailimages_chooser:chosen_multiple": MEMBERS,
    "wagtailimages_chooser:create": ADMIN_ONLY,
    "wagtailimages_chooser:select_format": ADMIN_ONLY_SCOPED,
    # Sites, users and groups: administrators only.
    **{
        f"wagtailsites:{view}": ADMIN_ONLY
        for view in ("index", "index_results", "add", "edit", "delete", "history", "history_results", "usage", "copy")
    },
    "wagtailusers_users:index": ADMIN_ONLY,
    "wagtailusers_users:index_results": ADMIN_ONLY,
    "wagtailusers_users:add": ADMIN_ONLY,
    **{
        f"wagtailusers_users:{view}": ADMIN_ONLY_SCOPED
        for view in ("edit", "delete", "history", "history_results", "usage", "copy")
    },
    "wagtailusers_groups:index": ADMIN_ONLY,
    "wagtailusers_groups:index_results": ADMIN_ONLY,
    "wagtailusers_groups:add": ADMIN_ONLY,
    **{
        f"wagtailusers_groups:{view}": ADMIN_ONLY_SCOPED
        for view in ("edit", "delete", "history", "history_results", "usage")
    },
    # Bulk actions: the confirmation page of another organization's object is not found.
    "wagtail_bulk_action auth.user.assign_role": ADMIN_ONLY_SCOPED,
    "wagtail_bulk_action auth.user.delete": ADMIN_ONLY_SCOPED,
    "wagtail_bulk_action auth.user.set_active_state": ADMIN_ONLY_SCOPED,
    "wagtail_bulk_action wagtailcore.page.delete": scoped(CONFIRM_ONLY, OK, CONFIRM_ONLY),
    "wagtail_bulk_action wagtailcore.page.move": scoped(CONFIRM_ONLY, OK, CONFIRM_ONLY),
    "wagtail_bulk_action wagtailcore.page.publish": scoped(CONFIRM_ONLY, OK, CONFIRM_ONLY),
    "wagtail_bulk_action wagtailcore.page.unpublish": scoped(CONFIRM_ONLY, OK, CONFIRM_ONLY),
    **{
        f"wagtail_bulk_action {app}.{action}": ADMIN_ONLY_SCOPED
        for app in ("wagtaildocs.document", "wagtailimages.image")
        for action in ("add_tags", "add_to_collection", "delete")
    },
    **{
        f"wagtail_bulk_action registry.{model}.delete": scoped(CONFIRM_ONLY, OK, CONFIRM_ONLY)
        for model in REGISTRY_MODEL_NAMES
    },
    # Ours (register_admin_urls in pia/admin/hooks.py and registry/wagtail_hooks.py).
    "pia_assessments": MEMBERS,
    # The body's 計画管理書 and its Excel: each member reads their own body's (an administrator picks one).
    "pia_portfolio": MEMBERS,
    "pia_portfolio_xlsx": MEMBERS,
    "pia_assessment_document": READ,
    "pia_assessment_compare": READ,
    "pia_assessment_timeline": READ,
    "pia_assessment_annex": READ,
    "pia_assessment_checks": READ,
    "pia_request_unlock": EDIT,  # GET shows who holds the lock; POST asks for its release
    "pia_edition_move": EDIT,  # GET says what 様式の改版に移行 does (or why it cannot); POST moves the draft
    "pia_assessment_approval": APPROVE,  # only while the assessment awaits this approver
    "pia_publication_file": NOBODY_SCOPED,  # no file is rendered under test settings: not found for anyone
    "pia_publication_files_request": POST_ONLY_SCOPED,
    "registry_access_logs": shared(DENIED, DENIED, OK, DENIED),
    "registry_access_log_searches": shared(DENIED, DENIED, OK, DENIED),
    # pia/admin/organization_hooks.py: bodies, their departments and members, for administrators only.
    "pia_organizations": ADMIN_ONLY,
    "pia_organization_add": ADMIN_ONLY,
    "pia_organization": ADMIN_ONLY_SCOPED,
    "pia_organization_member_remove": scoped(DENIED, DENIED, DENIED, admin=METHOD),  # POST only
    "pia_organization_department_add": ADMIN_ONLY_SCOPED,
    "pia_organization_department_edit": ADMIN_ONLY_SCOPED,
    # accounts/wagtail_hooks.py: MFA for oneself; lockouts and MFA status of every user for administrators.
    "accounts_mfa_verify": MEMBERS,
    "accounts_mfa_setup": MEMBERS,
    "accounts_lockouts": ADMIN_ONLY,
    "accounts_mfa_users": ADMIN_ONLY,
}

# The registry (台帳): every model's list, record, history and chooser views, scoped alike.
for _model in REGISTRY_MODEL_NAMES:
    _snippets = f"wagtailsnippets_registry_{_model}"
    _choosers = f"wagtailsnippetchoosers_registry_{_model}"
    EXPECTED.update(
        {
            f"{_snippets}:list": MEMBERS,
            f"{_snippets}:list_results": MEMBERS,
            f"{_snippets}:add": NOT_FOR_AUDITORS,
            f"{_snippets}:edit": EDIT,
            f"{_snippets}:delete": APPROVE,
            f"{_snippets}:usage": READ,
            f"{_snippets}:history": READ,
            f"{_snippets}:history_results": READ,
            f"{_snippets}:copy": EDIT,
            f"{_snippets}:inspect": READ,
            f"{_snippets}:changes": READ,
            f"{_choosers}:choose": MEMBERS,
            f"{_choosers}:choose_results": MEMBERS,
            f"{_choosers}:chosen": READ,
            f"{_choosers}:chosen_multiple": MEMBERS,
            f"{_choosers}:create": NOT_FOR_AUDITORS,
        }
    )
