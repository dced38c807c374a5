"""The HTTP endpoint through which a running system pushes its access logs (JSON Lines batches)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .access_logs.ingest import ingest_bytes
from .access_logs.tokens import token_record
from .models import IngestToken, System


def _refuse(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="access-logs"'
    return response


def _bearer(request: HttpRequest) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@csrf_exempt  # authenticated by a bearer token, not a session: there is no cookie to forge
@require_POST
def push_access_logs(request: HttpRequest, organization: str, system: str) -> JsonResponse:
    """POST JSON Lines; 201 stored, 200 already stored, 400 refused with every bad line, 401/403/413."""
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
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return _refuse(400, "Content-Length が不正です")
    limit = settings.PIA_LOG_PUSH_MAX_BYTES
    if length > limit:
        return _refuse(413, f"1回の送信は {limit} バイトまでです（大きなファイルは ingest_access_logs で取り込みます）")
    body = request.read(limit + 1)
    if len(body) > limit:
        return _refuse(413, f"1回の送信は {limit} バイトまでです")
    IngestToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    keep_valid = request.GET.get("keep_valid") in ("1", "true")
    result = ingest_bytes(body, system=target, source=f"http:{record.prefix}", fmt="jsonl", keep_valid=keep_valid)
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
