"""`gongkai report BODY YEAR`: the annual report computed from the records, written to a file."""

from __future__ import annotations

from gongkai.commands.database import ConfigurationError, open_body, refused, write_output

HELP = "根据系统记录生成机关的政府信息公开工作年度报告（docx、pdf、html、xlsx、json）"
EXAMPLE = "gongkai report donghu 2026 --format docx -o 东湖街道2026年年报.docx"
FORMATS = ("docx", "pdf", "html", "xlsx", "json")


def add_arguments(parser) -> None:
    parser.add_argument("body", metavar="BODY", help="机关代码或名称")
    parser.add_argument("year", type=int, metavar="YEAR", help="报告年度")
    parser.add_argument("--format", choices=FORMATS, default="docx", help="输出格式，默认 docx")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件，默认 BODY-YEAR.格式")


def run(args) -> int:
    # This command reads the database, so it needs the Django settings (the others do not).
    try:
        body = open_body(args.body)
    except ConfigurationError as error:
        return refused(error)
    from gongkai.annual.rendering import render_report
    from gongkai.annual.selectors import report_year_problem

    problem = report_year_problem(args.year)
    if problem:
        return refused(problem)
    output = args.output or f"{body.code}-{args.year}.{args.format}"
    try:
        write_output(output, render_report(body, args.year, args.format))
    except ConfigurationError as error:
        return refused(error)
    print(f"已生成 {output}")
    return 0
