"""What every form of the site shares: text that a document can hold, dates in a plausible range.

Every form derives from `Form` or `ModelForm` here (a test in tests/test_hostile_input.py holds the
project to it), so a new text field is checked without anyone remembering to. A view that runs a
use case shows its refusal with `add_service_error`.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from gongkai.common.dates import DateKind, date_problem
from gongkai.common.services import ServiceError
from gongkai.common.text import unsafe_text_problem

DATE_ERROR = {"invalid": "请输入有效日期，格式为 年-月-日，如 2026-01-31。"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SafeText:
    """Refuses what a letter cannot hold; the message names the field, so it reads alone too."""

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value) -> None:
        problem = unsafe_text_problem(str(value))
        if problem:
            raise ValidationError(f"{self.label}：{problem}。", code="unsafe_text")


class PlausibleDate:
    def __init__(self, label: str, kind: DateKind):
        self.label, self.kind = label, kind

    def __call__(self, value) -> None:
        problem = date_problem(value, self.kind, today=timezone.localdate())
        if problem:
            raise ValidationError(f"{self.label}{problem}。", code="implausible_date")


def date_field(label: str, kind: DateKind, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages=DATE_ERROR,
        help_text=help_text,
        validators=[PlausibleDate(label, kind)],
    )


def posted_text_problems(data, labels: dict[str, str]) -> list[str]:
    """For pages that read posted fields without a form: `SafeText`'s messages, field by field."""
    problems = []
    for name, label in labels.items():
        try:
            SafeText(label)(data.get(name, ""))
        except ValidationError as error:
            problems += error.messages
    return problems


EMAIL_ERROR = "请输入有效的电子邮箱地址，如 name@example.com。"
URL_ERROR = "请输入有效的网址，如 https://www.example.gov.cn/。"


def name_the_field(field: forms.Field, label: str) -> None:
    """Django's own messages, which say 「这个字段是必填项。」 and 「输入一个有效的 Email 地址。」 (its
    zh_Hans catalogue keeps the English word), replaced by ones that name the field in plain Chinese,
    so a message read in a list or by a screen reader says which field it is about. A message the
    form already chose for itself is kept."""
    defaults: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    own = {
        "required": (
            f"请勾选“{label}”。"
            if isinstance(field, forms.BooleanField)
            else f"请选择{label}。"
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField)
            else f"请填写{label}。"
        ),
        "max_length": f"{label}最多%(limit_value)d个字（现有%(show_value)d个）。",
        "min_length": f"{label}至少%(limit_value)d个字（现有%(show_value)d个）。",
    }
    if isinstance(field, forms.EmailField):
        own["invalid"] = f"{label}：{EMAIL_ERROR}"
    if isinstance(field, forms.URLField):
        own["invalid"] = f"{label}：{URL_ERROR}"
    for code, message in own.items():
        # EmailField and URLField carry theirs on the validator, which a field message overrides.
        if field.error_messages.get(code, defaults.get(code)) == defaults.get(code):
            field.error_messages[code] = message


class SafeTextMixin:
    """Puts `SafeText` on every text field of the form (Django's own NUL check would say less)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            name_the_field(field, str(field.label or name))
            if isinstance(field, forms.CharField):
                field.validators = [
                    v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
                ]
                field.validators.append(SafeText(field.label or name))


class Form(SafeTextMixin, forms.Form):
    pass


class ModelForm(SafeTextMixin, forms.ModelForm):
    pass


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(d, initial) for d in data]
        if data and not isinstance(data, list | tuple):
            return [single(data, initial)]
        if self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return []


def add_service_error(form, error: ServiceError, field: str | None = None) -> None:
    """A use case's refusal shown on the form it came from: each message of the ServiceError as an
    error of the form (or of `field`), so the page answers 400 with it instead of a 500."""
    for message in error.messages:
        form.add_error(field, message)
