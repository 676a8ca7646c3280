"""Forms of the staff pages of proactive disclosure; the rules themselves live in the services."""

from __future__ import annotations

import json

from django import forms

from gongkai.common.dates import DateKind
from gongkai.common.forms import Form, date_field
from gongkai.core.catalogue import ITEM_KIND_LABELS, RULE_REFUSED, TOPICS, UPDATE_LABELS, ItemKind
from gongkai.publishing.models import CatalogueNode
from gongkai.publishing.services import MAX_ATTACHMENT_BYTES


class VersionForm(Form):
    title = forms.CharField(label="标题", max_length=200)
    issuer = forms.CharField(label="发布机构", max_length=100)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    written_on = date_field("成文日期", DateKind.DOCUMENT, required=False)
    formed_on = date_field(
        "信息形成或变更日期", DateKind.HAPPENED, help_text="自此日起20个工作日内公开（条例第二十六条）。"
    )
    topic = forms.ChoiceField(label="主题分类", choices=[(t, t) for t in TOPICS], initial="综合政务")
    effective_from = date_field("施行日期", DateKind.DOCUMENT_EFFECT, required=False)
    effective_until = date_field("有效期至", DateKind.DOCUMENT_EFFECT, required=False)
    text = forms.CharField(
        label="正文", required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 12})
    )


class NewItemForm(VersionForm):
    """信息类别 has no preset: a wrong 规章 is counted in annual-report table 1. The column's usual
    kind is suggested (publishing/kind_hint.js), and 规章 is offered only to a body that makes them."""

    column = forms.ModelChoiceField(
        label="栏目", queryset=CatalogueNode.objects.none(), empty_label="（请选择）"
    )
    kind = forms.ChoiceField(label="信息类别")
    field_order = ["column", "kind"]

    def __init__(self, *args, columns=None, may_make_rules=False, usual_kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns
        kind = self.fields["kind"]
        kind.choices = [("", "（请选择）")] + [
            (k.value, label) for k, label in ITEM_KIND_LABELS.items() if may_make_rules or k != ItemKind.RULE
        ]
        self.may_make_rules = may_make_rules
        usual = usual_kinds or {}
        kind.widget.attrs["data-usual-kinds"] = json.dumps({str(c): k for c, k in usual.items()})
        kind.help_text = "按所选栏目以往的信息建议；请核对后选择。" if usual else "请按文件性质选择。"
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        # 规章 is not offered to this body; one posted anyway is told why, not 「选择一个有效的选项」.
        if not self.may_make_rules and self.data.get(self.add_prefix("kind")) == ItemKind.RULE:
            self._errors.pop("kind", None)
            self.add_error("kind", RULE_REFUSED)
        return data


class AttachmentForm(Form):
    file = forms.FileField(
        label="附件",
        help_text=f"docx、pdf、xlsx、txt 或 html，不超过{MAX_ATTACHMENT_BYTES // (1024 * 1024)}MB。",
    )


class ReasonForm(Form):
    reason = forms.CharField(label="退回理由", max_length=300)


class HitForm(Form):
    resolution = forms.ChoiceField(choices=[("masked", "遮盖"), ("allowed", "允许公开")])
    reason = forms.CharField(label="允许公开的理由", max_length=300, required=False)


class NewVersionForm(Form):
    change_note = forms.CharField(label="修改说明", max_length=300)
    formed_on = date_field("信息变更日期", DateKind.HAPPENED)


class RepealForm(Form):
    repealed_on = date_field("废止日期", DateKind.PLANNED)
    basis = forms.CharField(label="废止依据", max_length=200, help_text="如：废止决定的名称和文号。")


class InterpretsForm(Form):
    document = forms.IntegerField(label="所解读的文件", required=False)


class ColumnForm(Form):
    name = forms.CharField(label="栏目名称", max_length=60)
    code = forms.SlugField(label="栏目代码", max_length=40, help_text="用于网址和索引号，如 dibao。")
    parent = forms.ModelChoiceField(
        label="上级栏目", queryset=CatalogueNode.objects.none(), required=False, empty_label="（顶层）"
    )
    position = forms.IntegerField(label="排序", min_value=0, max_value=999, initial=0)
    update_every = forms.ChoiceField(
        label="更新周期", choices=[(k.value, v) for k, v in UPDATE_LABELS.items()], required=False
    )

    def __init__(self, *args, nodes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = nodes


class IndexRuleForm(Form):
    rule = forms.CharField(
        label="索引号规则",
        max_length=60,
        help_text="可用 {credit_code}、{body}、{column}、{year}、{seq}，必须包含 {year} 和 {seq}，如 {credit_code}/{year}-{seq:05d}。",
    )
