"""Forms for the bodies area. Validation messages come from Django's zh-hans translations or are
written here in Chinese; every field has a label and a length limit."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone

from gongkai.bodies.models import Body, BodyVersion, Role
from gongkai.bodies.selectors import active_assignments
from gongkai.bodies.services import VERSION_FIELDS
from gongkai.common.dates import DateKind
from gongkai.common.forms import Form, ModelForm, date_field


def _date_field(label: str, **kwargs) -> forms.DateField:
    """Versions, roles and absences are dated ahead as often as back."""
    return date_field(label, DateKind.PLANNED, **kwargs)


class BodyDetailsForm(ModelForm):
    office_web = forms.URLField(label="网址", max_length=200, required=False, assume_scheme="https")
    effective_from = _date_field(
        "生效日期", help_text="与现行版本同日则为更正；晚于它则自该日起形成新版本，历史版本保留。"
    )

    class Meta:
        model = BodyVersion
        fields = list(VERSION_FIELDS)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        others = Body.objects.exclude(pk=body.pk)
        self.fields["parent"].queryset = others
        self.fields["supervisor"].queryset = others
        self.fields["effective_from"].initial = timezone.localdate()


def _people_choices(body: Body) -> list[tuple[int, str]]:
    today = timezone.localdate()
    user_ids = active_assignments(on=today).filter(body=body).values("user_id")
    users = get_user_model().objects.filter(id__in=user_ids, is_active=True).order_by("username")
    return [(u.pk, f"{u.get_full_name() or u.username}（{u.username}）") for u in users]


class PersonChoiceField(forms.TypedChoiceField):
    def __init__(self, *, label: str, required: bool = True):
        super().__init__(
            label=label,
            coerce=int,
            required=required,
            error_messages={"invalid_choice": "请从本机关人员中选择。"},
        )


class RoleAssignForm(Form):
    user = PersonChoiceField(label="人员")
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    valid_from = _date_field("起始日期")
    backup = PersonChoiceField(label="AB岗（B角）", required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people_choices(body)
        self.fields["user"].choices = people
        self.fields["backup"].choices = [("", "（无）"), *people]
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("backup") and data.get("backup") == data.get("user"):
            self.add_error("backup", "AB岗的B角不能是本人。")
        return data


class RoleEndForm(Form):
    valid_to = _date_field("终止日期")


class RoleBackupForm(Form):
    backup = PersonChoiceField(label="AB岗（B角）", required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["backup"].choices = [("", "（无）"), *_people_choices(body)]


class UserCreateForm(Form):
    username = forms.RegexField(
        label="用户名",
        max_length=30,
        regex=r"^[A-Za-z0-9_.-]+$",
        error_messages={"invalid": "用户名只能包含字母、数字、下划线、点和连字符。"},
    )
    full_name = forms.CharField(label="姓名", max_length=30)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, max_length=128, strip=False)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    valid_from = _date_field("起始日期")

    def clean_password(self):
        password = self.cleaned_data["password"]
        candidate = get_user_model()(
            username=self.data.get("username", ""), first_name=self.data.get("full_name", "")
        )
        password_validation.validate_password(password, candidate)
        return password


class AbsenceForm(Form):
    starts_on = _date_field("开始日期")
    ends_on = _date_field("结束日期")
    reason = forms.CharField(label="事由", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "结束日期不能早于开始日期。")
        return data
