"""Every field of the site's forms speaks plain Chinese and names itself (common.forms.name_the_field).

LANGUAGE_CODE zh-hans does translate Django's messages, but its zh_Hans catalogue still says
「输入一个有效的 Email 地址。」 and 「这个字段是必填项。」 names no field."""

import re

import pytest
from django import forms

from gongkai.common.forms import Form

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w+\}|name@example\.com|https://www\.example\.gov\.cn/")


class EveryKind(Form):
    text = forms.CharField(label="标题", max_length=10, min_length=2)
    email = forms.EmailField(label="电子邮箱")
    web = forms.URLField(label="网址", assume_scheme="https")
    number = forms.IntegerField(label="页数", min_value=0, max_value=9)
    amount = forms.DecimalField(label="金额", max_digits=5, decimal_places=2)
    choice = forms.ChoiceField(label="类型", choices=[("a", "甲")])
    day = forms.DateField(label="日期")
    agree = forms.BooleanField(label="我已阅读")
    slug = forms.SlugField(label="代码")
    file = forms.FileField(label="附件")
    pattern = forms.RegexField(label="编号", regex=r"^\d+$")


@pytest.mark.parametrize("name", list(EveryKind.base_fields))
def test_no_english_word_is_left_in_a_message(name):
    field = EveryKind().fields[name]
    for code, message in field.error_messages.items():
        assert not LATIN_WORD.search(PLACEHOLDER.sub("", str(message))), (name, code, message)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "text", "请填写标题。"),
        ({}, "choice", "请选择类型。"),
        ({}, "agree", "请勾选“我已阅读”。"),
        ({"text": "x"}, "text", "标题至少2个字（现有1个）。"),
        ({"text": "x" * 11}, "text", "标题最多10个字（现有11个）。"),
        ({"email": "a@"}, "email", "电子邮箱：请输入有效的电子邮箱地址，如 name@example.com。"),
        ({"web": "not a url"}, "web", "网址：请输入有效的网址，如 https://www.example.gov.cn/。"),
    ],
)
def test_bound_errors_name_their_field(data, field, message):
    form = EveryKind(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_message_the_form_chose_itself_is_kept():
    class Own(Form):
        confirm = forms.BooleanField(label="确认", error_messages={"required": "请勾选确认。"})

    assert Own({}).errors["confirm"] == ["请勾选确认。"]
