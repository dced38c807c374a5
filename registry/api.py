"""The HTTP endpoint through which a running system pushes its access logs (JSON Lines batches).

No response repeats anything the sender sent: errors name the header, the line and the
rule (a value may be a 個人番号), and the batch id is only ever compared, never echoed.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from registry.access_logs.tokens import token_record
from registry.models import IngestToken, System

_CONTENT_LENGTH = re.compile(r"[0-9]{1,15}")
BATCH_KEY_HEADERS = ("Idempotency-Key", "X-Batch-Id")


def _refuse(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="access-logs"'
    return response


def _bearer(request: HttpRequest) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _content_length(request: HttpRequest) -> int | None:
    """The declared body size: digits only (no sign, no spaces, no underscores), else None."""
    raw = request.headers.get("Content-Length")
    if raw is None or not _CONTENT_LENGTH.fullmatch(raw):
        return None
    return int(raw)


def _batch_key(request: HttpRequest) -> str:
    """The sender's batch id from the first of BATCH_KEY_HEADERS present (BatchKeyError when unusable)."""
    from registry.access_logs.replays import checked_batch_key

    for header in BATCH_KEY_HEADERS:
        if header in request.headers:
            return checked_batch_key(request.headers[header].strip())
    return ""


@csrf_exempt  # authenticated by a bearer token, not a session: there is no cookie to forge
@require_POST
def push_access_logs(request: HttpRequest, organization: str, system: str) -> JsonResponse:
    """POST JSON Lines; 201 stored, 200 already stored, 400 refused with every bad line, 401/403/409/411/413."""
    # The access-log package reads heavy libraries: imported by the first batch, not when the URLs load.
    from registry.access_logs.ingest import ingest_bytes
    from registry.access_logs.replays import BatchKeyError

    token = _bearer(request)
    if token is None:
        return _refuse(401, "Authorization: Bearer <token> が必要です")
    record: IngestToken | None = token_record(token)
    if record is None:
        return _refuse(401, "トークンが無効か、失効しています")
    target = System.objects.filter(organization__slug=organization, code=system).first()
    if target is None or target.pk != record.system_id:
        # A token opens one system only; which systems exist elsewhere is not disclosed.
        return _refuse(403, "このトークンではこのシステムのログを送信できません")
    if "Content-Length" not in request.headers:
        return _refuse(411, "Content-Length が必要です")
    length = _content_length(request)
    if length is None:
        return _refuse(400, "Content-Length が不正です（0以上の整数で指定してください）")
    limit = settings.PIA_LOG_PUSH_MAX_BYTES
    if length > limit:
        return _refuse(413, f"1回の送信は {limit} バイトまでです（大きなファイルは ingest_access_logs で取り込みます）")
    try:
        batch_key = _batch_key(request)
    except BatchKeyError as exc:
        return _refuse(400, f"{exc}（ヘッダー {' / '.join(BATCH_KEY_HEADERS)}）")
    body = request.read(limit + 1)
    if len(body) > limit:
        return _refuse(413, f"1回の送信は {limit} バイトまでです")
    IngestToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    keep_valid = request.GET.get("keep_valid") in ("1", "true")
    result = ingest_bytes(
        body, system=target, source=f"http:{record.prefix}", fmt="jsonl", keep_valid=keep_valid, batch_key=batch_key
    )
    if result.conflict:
        return _refuse(409, "このバッチIDは別の内容のバッチで受信済みです。新しいバッチには新しいIDを付けてください")
    payload = {
        "lines": result.lines,
        "stored": result.stored,
        "duplicate": result.duplicate,
        "errors": [error.as_dict() for error in result.errors],
        "error_count": result.error_count,
    }
    if result.batch is not None:
        payload["batch"] = result.batch.pk
    if result.rejected:
        return JsonResponse(payload, status=400)
    return JsonResponse(payload, status=200 if result.duplicate else 201)
