"""The minimums of an application (core.application_text), stated once and checked here."""

import pytest

from gongkai.core.application_text import MIN_REQUEST_SIGNS, name_problem, request_problem


@pytest.mark.parametrize("name", ["x", " 张 ", "", "   ", "12", "…。", "--"])
def test_names_too_short_or_without_letters_are_refused(name):
    assert name_problem(name, is_person=True)


@pytest.mark.parametrize("name", ["张三", "欧阳修", "Li Wei", "某某科技有限公司"])
def test_real_names_pass(name):
    assert name_problem(name, is_person=True) == ""
    assert name_problem(name, is_person=False) == ""


def test_the_message_says_who_and_how_many():
    assert "自然人姓名至少2个字" in name_problem("x", is_person=True)
    assert "法人或其他组织的名称" in name_problem("x", is_person=False)


@pytest.mark.parametrize("text", ["?", "？？？？？", "  a b ", "低保", "。。。。。。。。", "\n\n"])
def test_requests_without_content_are_refused(text):
    assert f"至少{MIN_REQUEST_SIGNS}个字" in request_problem(text)


@pytest.mark.parametrize("text", ["低保名单", "东政发〔2026〕3号", "2025年低保发放名单", "budget 2025"])
def test_requests_that_say_what_is_wanted_pass(text):
    assert request_problem(text) == ""
