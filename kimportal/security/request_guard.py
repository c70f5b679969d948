"""Requests refused before any view reads them (issue 7, findings 12 and 14).

`RequestBodyLimitMiddleware`: a body larger than the URL allows (its largest upload
plus a margin, `REQUEST_BODY_LIMITS`; other URLs `REQUEST_BODY_MAX_BYTES`) is refused
with 413 from its Content-Length, before a byte of it is read.

`MalformedInputMiddleware`: a NUL byte or bytes that are not UTF-8 in the query string
or in a form's fields, or a query value over `QUERY_VALUE_MAX_LENGTH` characters, is
400 with an Indonesian message; PostgreSQL cannot store or compare NUL, Python refuses
to parse a number of thousands of digits, and every view would otherwise have to
remember both.
"""

from fnmatch import fnmatchcase
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refuse(request, status: int, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    body = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{status}</title></head><body><main><h1>{status}</h1>"
        f"<p>{message}</p></main></body></html>"
    )
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def _limit_for(url_name: str) -> int:
    for pattern, limit in settings.REQUEST_BODY_LIMITS.items():
        if fnmatchcase(url_name, pattern):
            return int(limit)
    return int(settings.REQUEST_BODY_MAX_BYTES)


def body_limit_for(path: str) -> int:
    try:
        match = resolve(path)
    except Resolver404:
        return int(settings.REQUEST_BODY_MAX_BYTES)
    return _limit_for(match.view_name)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            return _refuse(request, 400, _("Panjang isi permintaan tidak valid."))
        if length > int(settings.REQUEST_BODY_MAX_BYTES):
            limit = body_limit_for(request.path_info)
            if length > limit:
                megabytes = max(1, limit // (1024 * 1024))
                return _refuse(
                    request,
                    413,
                    _(
                        "Isi permintaan terlalu besar. Batas untuk halaman ini "
                        "%(mb)d MB; perkecil atau kurangi berkas yang diunggah."
                    )
                    % {"mb": megabytes},
                )
        return self.get_response(request)


def _is_malformed(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class MalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query and _is_malformed(unquote_to_bytes(query.replace("+", " "))):
            return _refuse(request, 400, _MESSAGE())
        limit = settings.QUERY_VALUE_MAX_LENGTH
        if any(len(v) > limit for _k, values in request.GET.lists() for v in values):
            return _refuse(
                request,
                400,
                _("Isian pada alamat halaman terlalu panjang (batas %(n)d karakter).")
                % {"n": limit},
            )
        if request.method == "POST" and request.content_type in FORM_TYPES:
            # Field values only (files are bytes by nature). Parsing here is what the
            # CSRF check does next anyway.
            for values in request.POST.lists():
                if any("\x00" in value for value in values[1]):
                    return _refuse(request, 400, _MESSAGE())
        return self.get_response(request)


def _MESSAGE() -> str:  # noqa: N802 - translated when called, in the request's language
    return _(
        "Permintaan berisi karakter yang tidak sah (misalnya karakter NUL). "
        "Periksa kembali isian atau alamat halaman."
    )
