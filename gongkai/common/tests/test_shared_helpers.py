"""The shared helpers the views and services of every app use instead of their own copies."""

from django import forms

from gongkai.common.forms import Form, add_service_error
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import upload_name


class _NoteForm(Form):
    note = forms.CharField(label="备注")


def test_every_message_of_a_refusal_becomes_an_error_of_the_form():
    form = _NoteForm(data={"note": "说明"})
    assert form.is_valid()
    add_service_error(form, ServiceError(["该年度数据已锁定", "请先起草更正版本"]))
    assert form.non_field_errors() == ["该年度数据已锁定", "请先起草更正版本"]
    assert not form.is_valid() and "note" not in form.errors


def test_a_refusal_can_be_shown_on_its_field():
    form = _NoteForm(data={"note": "说明"})
    form.is_valid()
    add_service_error(form, ServiceError("备注：含有不能写入文书的字符。"), "note")
    assert form.errors["note"] == ["备注：含有不能写入文书的字符。"] and not form.non_field_errors()


def test_an_upload_name_loses_its_path_and_what_cannot_be_printed():
    assert upload_name("C:\\Users\\张三\\桌面\\会议纪要.docx") == "会议纪要.docx"
    assert upload_name("../../etc/passwd") == "passwd"
    assert upload_name("纪要\x00\u202e\r\n.pdf") == "纪要.pdf"
    assert upload_name("   ") == upload_name("dir/") == "附件"
    assert len(upload_name("长" * 400 + ".pdf")) == 150
