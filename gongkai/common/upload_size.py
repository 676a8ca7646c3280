"""The size of an upload request is bounded before its body is read.

`MAX_UPLOAD_BYTES` (GONGKAI_MAX_UPLOAD_BYTES) caps a whole multipart request: a request that
declares a larger CONTENT_LENGTH gets a Chinese 413 page before anything reads its body (the
middleware's request phase runs before the CSRF check in process_view, which would parse it).
Django never reads past the declared CONTENT_LENGTH, so a body cannot bring more than it declared.
Files above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to temporary files by Django's own handlers.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from gongkai.core.upload_limits import megabytes


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class UploadSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_upload = request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        declared = declared_length(request)
        if is_upload and declared > settings.MAX_UPLOAD_BYTES:
            message = (
                f"上传的内容共{megabytes(declared)} MB，超过一次上传{megabytes(settings.MAX_UPLOAD_BYTES)} MB的上限，"
                "请分批上传或压缩后再试。"
            )
            return render(
                request, "web/error.html", {"title": "上传内容过大", "message": message}, status=413
            )
        return self.get_response(request)
