"""`gongkai dossier BODY CASE_NUMBER -o FILE`: a case's 案卷 (PDF) or its originals (zip)."""

from __future__ import annotations

from gongkai.commands.database import ConfigurationError, open_body, refused, write_output

HELP = "导出一件政府信息公开申请的案卷（PDF，或 --zip 导出原件压缩包），供复议、诉讼答辩和归档"
EXAMPLE = "gongkai dossier donghu DONGHU-2026-0002 -o DONGHU-2026-0002-案卷.pdf"


def add_arguments(parser) -> None:
    parser.add_argument("body", metavar="BODY", help="机关代码或名称")
    parser.add_argument("case_number", metavar="CASE_NUMBER", help="申请编号，如 DONGHU-2026-0002")
    parser.add_argument("--zip", action="store_true", help="导出原件压缩包（文书、材料和案卷 PDF）")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件，默认 申请编号-案卷.pdf（或 .zip）")


def run(args) -> int:
    try:
        body = open_body(args.body)
    except ConfigurationError as error:
        return refused(error)
    from django.utils import timezone

    from gongkai.applications.dossier import dossier_pdf, dossier_zip
    from gongkai.applications.models import Application

    application = Application.objects.filter(body=body, number=args.case_number.strip()).first()
    if application is None:
        return refused(f"{body.code} 没有申请编号为“{args.case_number}”的申请。")
    make, ext = (dossier_zip, "zip") if args.zip else (dossier_pdf, "pdf")
    output = args.output or f"{application.number}-案卷.{ext}"
    try:
        write_output(output, make(application, today=timezone.localdate()))
    except ConfigurationError as error:
        return refused(error)
    print(f"已生成 {output}")
    return 0
