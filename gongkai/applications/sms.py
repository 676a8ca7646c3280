"""Text messages to applicants: the provider interface, the logging default and one real carrier.

A provider is a class named by GONGKAI_SMS_PROVIDER (a dotted path) with `send(phone, message)`.
Mainland carriers only send texts built from a template registered and approved beforehand, so a
message carries both its full text (for the log and the case page) and the template's parameters.

`TencentSms` sends through 腾讯云短信 (SendSms, API 2021-01-11) with Tencent Cloud's own SDK. The
template to register with it, in this order of parameters:

    您的政府信息公开申请（{1}）已出具《{2}》（{3}），可凭查询码{4}查询。

Its settings: GONGKAI_SMS_TENCENT_SECRET_ID / _SECRET_KEY (a sub-account key allowed only SendSms),
_SDK_APP_ID, _SIGN_NAME (the approved 签名), _TEMPLATE_ID, _REGION (default ap-guangzhou) and
_ENDPOINT (default sms.tencentcloudapi.com; the tests point it at a local server).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The provider refused or could not be reached; the message says why."""


@dataclass(frozen=True)
class ShortMessage:
    text: str
    params: tuple[str, ...]  # the registered template's {1}, {2}, … in order


class LoggingSms:
    """The default provider: the message is logged, not sent (development, or no contract yet)."""

    def send(self, phone: str, message: ShortMessage) -> None:
        logger.info("短信（未接入短信服务，仅记录）至 %s：%s", phone, message.text)


class TencentSms:
    """腾讯云短信. A refusal of the carrier (unapproved signature, wrong template, number blocked)
    comes back per number in SendStatusSet with a Code other than "Ok": it is raised as SmsError
    with the carrier's own words, so the case page shows why."""

    def __init__(self) -> None:
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        conf = settings.SMS_TENCENT
        endpoint = conf["ENDPOINT"]
        protocol = "http" if endpoint.startswith(("127.0.0.1", "localhost")) else "https"
        profile = ClientProfile(httpProfile=HttpProfile(protocol=protocol, endpoint=endpoint, reqTimeout=10))
        self.client = sms_client.SmsClient(
            credential.Credential(conf["SECRET_ID"], conf["SECRET_KEY"]), conf["REGION"], profile
        )
        self.conf = conf

    def send(self, phone: str, message: ShortMessage) -> None:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
        from tencentcloud.sms.v20210111 import models

        request = models.SendSmsRequest()
        request.PhoneNumberSet = [f"+86{phone}"]
        request.SmsSdkAppId = self.conf["SDK_APP_ID"]
        request.SignName = self.conf["SIGN_NAME"]
        request.TemplateId = self.conf["TEMPLATE_ID"]
        request.TemplateParamSet = list(message.params)
        try:
            response = self.client.SendSms(request)
        except TencentCloudSDKException as error:
            raise SmsError(f"腾讯云短信：{error.get_code()} {error.get_message()}") from error
        for status in response.SendStatusSet or []:
            if status.Code != "Ok":
                raise SmsError(f"腾讯云短信：{status.Code} {status.Message}")


def provider():
    return import_string(settings.SMS_PROVIDER)()
