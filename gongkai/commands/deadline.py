"""`gongkai deadline`: the answer deadline of an application and how it was computed.

Works without the web app or a database: it uses the shipped holiday arrangements, plus any
year given with --calendar (e.g. the next year's notice before an administrator imports it).
A ledger the law does not allow (an extension decided after the deadline, more than 20 working
days of extension, a second 补正 notice) is refused by the same core rules the case pages use,
with the Chinese reason on stderr and exit code 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.core.answer_clock import ClockError, ClockSettings, Entry, EntryKind, compute_clock
from gongkai.core.workcalendar import ArrangementError, UnknownYearError, default_calendar, parse_arrangement

HELP = "计算依申请公开的答复期限，并逐步说明计算过程"
EXAMPLE = "gongkai deadline --received 2026-02-13 --supplement 2026-02-25:2026-03-03 --extension 20"


CHINA = ZoneInfo("Asia/Shanghai")  # statutory days are counted in China's time zone


class UsageError(Exception):
    pass


def add_arguments(parser) -> None:
    parser.add_argument("--received", required=True, metavar="日期", help="收到申请日期，如 2026-02-13")
    parser.add_argument(
        "--supplement",
        action="append",
        default=[],
        metavar="发出[@送达][:收到]",
        help="补正告知发出日期、申请人签收日期及收到补正日期（只能一次，第二次被拒绝）",
    )
    parser.add_argument(
        "--supplement-days", type=int, default=15, metavar="N", help="补正期限（工作日），默认15"
    )
    parser.add_argument(
        "--consultation",
        action="append",
        default=[],
        metavar="发出[@送达][:答复]",
        help="征求第三方意见（发出、第三方收到、答复日期），可重复",
    )
    parser.add_argument("--extension", type=int, metavar="N", help="经负责人批准延长的工作日数（不超过20）")
    parser.add_argument("--extension-on", metavar="日期", help="批准延期的日期，默认为收到申请日期")
    parser.add_argument("--fee", metavar="通知[@送达][:缴费]", help="收费通知日期、送达日期及缴费日期")
    parser.add_argument(
        "--postal-days", type=int, default=0, metavar="N", help="未登记送达日期时，按发出日加N日计算（默认0）"
    )
    parser.add_argument("--count-receipt-day", action="store_true", help="收到申请当日计入期限（默认不计入）")
    parser.add_argument("--no-fee-pause", action="store_true", help="收费通知不中止计时")
    parser.add_argument("--today", metavar="日期", help="按哪一天计算已用天数，默认今天")
    parser.add_argument(
        "--calendar", action="append", default=[], metavar="FILE", help="补充的年度节假日安排（JSON）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}“{text}”不是有效日期，格式应为 YYYY-MM-DD。") from None


def _pair(text: str, what: str) -> tuple[date, date | None, date | None]:
    """'发出[@送达][:结束]' -> (issued, delivered, ended)."""
    first, _, second = text.partition(":")
    first, _, delivered_text = first.partition("@")
    start = _date(first, what)
    delivered = _date(delivered_text, what) if delivered_text else None
    end = _date(second, what) if second else None
    if delivered is not None and delivered < start:
        raise UsageError(f"{what}：送达日期{delivered}早于发出日期{start}。")
    if end is not None and end < start:
        raise UsageError(f"{what}：结束日期{end}早于开始日期{start}。")
    return start, delivered, end


def ledger_from(args) -> list[Entry]:
    received = _date(args.received, "收到申请日期")
    entries = [Entry(EntryKind.RECEIVED, received)]
    for text in args.supplement:
        sent, delivered, back = _pair(text, "补正")
        entries.append(Entry(EntryKind.SUPPLEMENT_REQUESTED, sent, args.supplement_days, delivered))
        if back:
            entries.append(Entry(EntryKind.SUPPLEMENT_RECEIVED, back))
    for text in args.consultation:
        sent, delivered, answered = _pair(text, "征求意见")
        entries.append(Entry(EntryKind.CONSULTATION_SENT, sent, None, delivered))
        if answered:
            entries.append(Entry(EntryKind.CONSULTATION_ANSWERED, answered))
    if args.extension is not None:
        if not 1 <= args.extension <= 20:
            raise UsageError(f"延长期限最长不超过20个工作日，实际为{args.extension}。")
        on = _date(args.extension_on, "批准延期日期") if args.extension_on else received
        entries.append(Entry(EntryKind.EXTENSION_APPROVED, on, args.extension))
    if args.fee:
        sent, delivered, paid = _pair(args.fee, "收费")
        entries.append(Entry(EntryKind.FEE_NOTICE_SENT, sent, None, delivered))
        if paid:
            entries.append(Entry(EntryKind.FEE_PAID, paid))
    if any(entry.on < received for entry in entries):
        raise UsageError("办理记录的日期不能早于收到申请日期。")
    return entries


def _load_calendar(paths: list[str]):
    extra = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                extra.append(parse_arrangement(json.load(handle)))
        except OSError as error:
            raise UsageError(f"无法读取节假日安排文件 {path}：{error.strerror}。") from None
        except json.JSONDecodeError as error:
            raise UsageError(f"{path} 不是有效的 JSON（第{error.lineno}行）。") from None
    return default_calendar(extra)


def run(args) -> int:
    try:
        entries = ledger_from(args)
        calendar = _load_calendar(args.calendar)
        today = _date(args.today, "计算日期") if args.today else datetime.now(CHINA).date()
        settings = ClockSettings(
            count_receipt_day=args.count_receipt_day,
            fee_pauses_clock=not args.no_fee_pause,
            postal_allowance_days=args.postal_days,
        )
        state = compute_clock(entries, calendar, max(today, entries[0].on), settings)
    except (UsageError, ArrangementError, UnknownYearError, ClockError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    if args.json:
        payload = {
            "due_on": state.due_on.isoformat() if state.due_on else None,
            "running": state.running,
            "used": state.used,
            "allowed": state.allowed,
            "left": state.left,
            "abandon_on": state.abandon_on.isoformat() if state.abandon_on else None,
            "warnings": list(state.warnings),
            "explanation": list(state.explanation),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for line in state.explanation:
        print(line)
    for warning in state.warnings:
        print(f"注意：{warning}")
    return 0
