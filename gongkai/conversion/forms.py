from __future__ import annotations

from django import forms

from gongkai.applications.models import Application
from gongkai.common.forms import Form
from gongkai.core.catalogue import ITEM_KIND_LABELS, ItemKind
from gongkai.publishing.models import CatalogueNode, Publication


class TurnForm(Form):
    """转为主动公开: the 目录 column (one fitting the request preselected), the kind, the title, and
    the like cases to link to the same draft. 信息类别 has no preset, as on publishing's own form:
    a wrong 规章 or 规范性文件 is counted in annual-report table 1."""

    column = forms.ModelChoiceField(
        label="目录栏目", queryset=CatalogueNode.objects.none(), empty_label="（请选择）"
    )
    kind = forms.ChoiceField(label="信息类别")
    title = forms.CharField(label="标题", max_length=200)
    also = forms.ModelMultipleChoiceField(
        label="一并转入的相同申请",
        queryset=Application.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="其他申请人申请相同信息的申请；已答复予以公开或部分公开、尚未转入的才可一并转入。",
    )

    def __init__(self, *args, columns, like, may_make_rules: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns
        self.fields["also"].queryset = Application.objects.filter(pk__in=[a.pk for a in like])
        self.fields["also"].label_from_instance = lambda a: f"{a.number}：{a.information_requested[:40]}"
        self.fields["kind"].choices = [("", "（请选择）")] + [
            (k.value, label) for k, label in ITEM_KIND_LABELS.items() if may_make_rules or k != ItemKind.RULE
        ]


class JoinForm(Form):
    """并入: the item a like case was already turned into."""

    publication = forms.ModelChoiceField(
        label="并入已转入的主动公开信息", queryset=Publication.objects.none(), empty_label="（请选择）"
    )

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications
        self.fields["publication"].label_from_instance = lambda p: p.index_number


class SuggestionForm(Form):
    reason = forms.CharField(
        label="申请人建议的理由",
        max_length=500,
        required=False,
        help_text="申请人认为涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的理由（条例第四十四条第二款）。",
    )
