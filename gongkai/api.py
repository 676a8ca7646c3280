"""The JSON API (/api/v1/): django-ninja with session authentication, errors in Chinese.

Its OpenAPI schema is served at /api/v1/openapi.json and kept in docs/openapi.json (a test fails
when the two drift apart). Each area adds a router; the endpoints call the same permission
functions, selectors and services as the views.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from gongkai.annual.api import router as annual_router
from gongkai.applications.api import router as applications_router
from gongkai.bodies.api import router as bodies_router
from gongkai.common.json_errors import error_detail
from gongkai.common.schemas import OWN_ERROR_TYPES

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="gongkai 政府信息公开 API",
    version="1",
    description="政府信息公开工作平台接口。需先登录（会话 Cookie），写操作须带 X-CSRFToken 头。",
    auth=django_auth,
    urls_namespace="api-v1",
    # The interactive docs page loads scripts from a CDN, which intranet deployments cannot reach.
    docs_url=None,
)
api.add_router("/", bodies_router)
api.add_router("/", applications_router)
api.add_router("/", annual_router)

# Pydantic's error types, in words a clerk understands.
VALIDATION_MESSAGES = {
    "missing": "缺少此字段",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "string_too_long": "内容过长",
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "json_invalid": "JSON 格式错误",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
}


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [
        {
            "field": ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload")),
            "message": error["msg"]
            if error.get("type") in OWN_ERROR_TYPES
            else VALIDATION_MESSAGES.get(error.get("type", ""), "取值无效"),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "请求数据有误", "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def not_logged_in(request, exc):
    return api.create_response(request, {"detail": "请先登录。"}, status=401)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "无权访问。"}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "对象不存在。"}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return api.create_response(request, {"detail": f"请求体过大（上限 {limit} MB）。"}, status=413)


# django-ninja's own refusals (an unreadable body, a missing CSRF token) come in English.
HTTP_ERROR_MESSAGES = {
    400: "请求体无法解析，应为 JSON。",
    403: "CSRF 校验失败：写操作须带 X-CSRFToken 头。",
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = HTTP_ERROR_MESSAGES.get(exc.status_code) or error_detail(exc.status_code)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Exception)
def server_error(request, exc):
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(request, {"detail": error_detail(500)}, status=500)
