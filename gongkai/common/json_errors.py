"""Every error under /api/ is JSON with a Chinese `detail`, whoever produced it.

The API's own handlers (gongkai/api.py) word most errors; this middleware covers the rest, which
Django or django-ninja answer before or outside them: a path no route matches (404), a method the
path does not take (405), and the site's error pages (400, 403, 500).
"""

from django.http import JsonResponse

API_PREFIX = "/api/"
MESSAGES = {
    400: "请求有误。",
    401: "请先登录。",
    403: "无权访问。",
    404: "接口不存在。",
    405: "该接口不支持此请求方法。",
    413: "请求体过大。",
    429: "请求过于频繁，请稍后再试。",
    500: "系统出现错误，已记录。请稍后再试；如多次出现，请联系系统管理员。",
}


def error_detail(status: int) -> str:
    return MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])


class JsonErrorsForApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replaced = JsonResponse(
                {"detail": error_detail(response.status_code)}, status=response.status_code
            )
            if "Allow" in response:
                replaced["Allow"] = response["Allow"]
            return replaced
        return response
