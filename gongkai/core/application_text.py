"""The least an application must say to be one: who applies and what they ask for.

The one place these minimums are stated; the online form, the staff registration form, the API
and the service all check them through here, so a name 「x」 or a request 「?」 is refused the same
way everywhere.

- 申请人姓名或名称: at least 2 characters (Chinese names have two or more; a foreign name or an
  organisation's registered name is longer), and it contains a letter or 汉字, not only
  punctuation or digits.
- 所需政府信息: at least 4 letters, digits or 汉字 (条例第二十九条 asks for the name, 文号 or a
  description that lets the body find the information; 「低保名单」 is the shortest that does).
"""

from __future__ import annotations

MIN_NAME = 2
MIN_REQUEST_SIGNS = 4


def _signs(text: str) -> int:
    """Letters, digits and 汉字: what carries meaning, as opposed to spaces and punctuation."""
    return sum(1 for ch in text if ch.isalnum())


def name_problem(name: str, *, is_person: bool) -> str:
    """Why the applicant's name cannot be one ("" when it can)."""
    name = name.strip()
    least = MIN_NAME
    who = "自然人姓名" if is_person else "法人或其他组织的名称"
    if len(name) < least:
        return f"{who}至少{least}个字，请填写{'身份证件上的姓名' if is_person else '登记的全称'}。"
    if not any(ch.isalpha() for ch in name):
        return f"{who}应包含文字，不能只有数字或符号。"
    return ""


def request_problem(text: str) -> str:
    """Why the request does not say what is wanted ("" when it does)."""
    if _signs(text) < MIN_REQUEST_SIGNS:
        return (
            f"请填写所需政府信息的名称、文号或能够据以查找的描述，至少{MIN_REQUEST_SIGNS}个字"
            "（条例第二十九条）。"
        )
    return ""
