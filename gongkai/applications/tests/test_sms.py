"""The 腾讯云短信 provider, through Tencent Cloud's own SDK, against a server on 127.0.0.1 that
answers as the SendSms API does (API 2021-01-11): what goes out, and a carrier's refusal."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from gongkai.applications.sms import ShortMessage, SmsError, TencentSms

CONF = {
    "SECRET_ID": "AKIDexample",
    "SECRET_KEY": "secret",
    "SDK_APP_ID": "1400000000",
    "SIGN_NAME": "东湖街道办事处",
    "TEMPLATE_ID": "1234567",
    "REGION": "ap-guangzhou",
}
MESSAGE = ShortMessage(
    text="您的政府信息公开申请（2026-0001）已出具《补正告知书》（补〔2026〕1号），可凭查询码ABCD查询。",
    params=("2026-0001", "补正告知书", "补〔2026〕1号", "ABCD"),
)


@pytest.fixture
def carrier():
    """A stand-in for sms.tencentcloudapi.com: keeps each request, answers with `reply["code"]`."""
    seen: list[dict] = []
    reply = {"code": "Ok"}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"headers": dict(self.headers), "body": body})
            status = {"SerialNo": "1", "PhoneNumber": body["PhoneNumberSet"][0], "Fee": 1}
            status |= {
                "Code": reply["code"],
                "Message": "签名未审批或格式错误" if reply["code"] != "Ok" else "send success",
            }
            payload = json.dumps({"Response": {"SendStatusSet": [status], "RequestId": "r-1"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", seen, reply
    server.shutdown()


def test_a_text_goes_out_as_the_registered_template(settings, carrier):
    endpoint, seen, _ = carrier
    settings.SMS_TENCENT = CONF | {"ENDPOINT": endpoint}
    TencentSms().send("13800000000", MESSAGE)
    (request,) = seen
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["x-tc-action"] == "SendSms" and headers["x-tc-version"] == "2021-01-11"
    assert headers["authorization"].startswith("TC3-HMAC-SHA256 Credential=AKIDexample/")
    assert request["body"] == {
        "PhoneNumberSet": ["+8613800000000"],
        "SmsSdkAppId": "1400000000",
        "SignName": "东湖街道办事处",
        "TemplateId": "1234567",
        "TemplateParamSet": ["2026-0001", "补正告知书", "补〔2026〕1号", "ABCD"],
    }


def test_the_carriers_refusal_is_raised_in_its_own_words(settings, carrier):
    endpoint, _, reply = carrier
    settings.SMS_TENCENT = CONF | {"ENDPOINT": endpoint}
    reply["code"] = "FailedOperation.SignatureIncorrectOrUnapproved"
    with pytest.raises(SmsError, match="SignatureIncorrectOrUnapproved 签名未审批或格式错误"):
        TencentSms().send("13800000000", MESSAGE)


def test_an_unreachable_carrier_is_an_sms_error(settings):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SMS_TENCENT = CONF | {"ENDPOINT": f"127.0.0.1:{port}"}
    with pytest.raises(SmsError, match="腾讯云短信"):
        TencentSms().send("13800000000", MESSAGE)
