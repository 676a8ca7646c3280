"""The statutory clock of a disclosure application, computed from its ledger of events.

Rules (《政府信息公开条例》 and statute.md §3.5):
- 20 working days to answer from receipt (第三十三条); the day of receipt is not counted and
  counting starts the next day (《民法典》第二百零一条) unless the setting says otherwise;
- a 补正 notice is due within 7 working days of receipt (第三十条), once, listing everything (a
  second notice is refused); it stops the clock, and the answer period restarts from zero when the
  supplement is received;
- consulting a third party or a co-producer is not counted (第三十二条、第三十四条); they have 15
  working days, so a consultation pauses the clock for at most that long;
- an extension approved by the head adds at most 20 working days in all, and must be decided
  before the answer period has run out (第三十三条第二款); a ledger breaking either is refused;
- the applicant's 补正 period and fee period run from the day the notice is delivered
  (自收到…之日起, 条例第三十条, 国办函〔2020〕109号), and the third party's 15 working days from its
  receipt of the request for comments (第三十二条); without a recorded delivery the clerk is warned
  and the period counts from issue plus `postal_allowance_days` (UNCONFIRMED; default 0);
- a fee notice pauses the clock until payment when `fee_pauses_clock` is set. UNCONFIRMED
  (statute.md §4: no source says whether it does); the default pauses, as a 补正 does, because the
  applicant, not the body, holds the case meanwhile. A body can turn it off.
- 第三十五条 (requests beyond a reasonable range): the wait for the applicant's 说明理由 pauses the
  clock only when `art35_reason_pauses_clock` is set. UNCONFIRMED (the regulation is silent); the
  default lets the clock run, the reading safer for the applicant. When it pauses, the pause ends
  when the reason (or its absence) is recorded, and at the latest on the reply-by date the notice
  set. A 延迟答复 date fixed under 第三十五条 replaces the due date from then on: it must be later
  than the current due date, fixed before that date has passed, and no later than
  `art35_max_working_days` working days after receipt (a bound of the deployment, UNCONFIRMED).
The due date is always the date that holds if nothing more happens: while a consultation is
pending it is the date that holds if the third party does not answer within its 15 working days.
It depends on the ledger and the calendar only, never on the day it is computed, so a stored due
date can be checked against this function at any time. While the applicant holds the case (补正,
or a fee notice that pauses the clock) nothing is due from the body: due_on is None and
abandon_on names the day after which the application is deemed abandoned.
The result carries a step-by-step explanation in Chinese that a clerk can read to an applicant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from gongkai.core.workcalendar import WorkCalendar, fmt


class EntryKind(StrEnum):
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_ANSWERED = "consultation_answered"
    EXTENSION_APPROVED = "extension_approved"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    ANSWERED = "answered"
    # 第三十五条; `days` holds a date as calendar days after the entry (see `until`)
    ART35_REASON_REQUESTED = "art35_reason_requested"  # the reply-by date
    ART35_REASON_CLOSED = "art35_reason_closed"  # the reason received, or recorded as not received
    ART35_DUE_FIXED = "art35_due_fixed"  # the 延迟答复 date


class ClockError(ValueError):
    """A ledger that cannot be computed (e.g. no receipt); the message is Chinese."""


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    on: date
    days: int | None = None  # extension length, or the 补正 period the notice set
    delivered_on: date | None = None  # a notice's delivery (post: the 签收 date), when recorded

    @property
    def until(self) -> date:
        """The date an art. 35 entry names. The ledger keeps the same four columns (kind, on, days,
        delivery) wherever it is read, so such a date is stored as calendar days after the entry,
        which no calendar change can move (the date was told to the applicant in writing)."""
        return self.on + timedelta(days=self.days or 0)


def art35_entry(kind: EntryKind, on: date, until: date) -> Entry:
    return Entry(kind, on, (until - on).days)


@dataclass(frozen=True)
class ClockSettings:
    count_receipt_day: bool = False  # 《民法典》第二百零一条: the first day is not counted
    fee_pauses_clock: bool = True  # UNCONFIRMED, see the module docstring
    answer_days: int = 20
    supplement_notice_days: int = 7
    consultation_days: int = 15
    fee_payment_days: int = 20
    max_extension_days: int = 20
    postal_allowance_days: int = 0  # UNCONFIRMED: days assumed between issue and delivery when unrecorded
    art35_reason_pauses_clock: bool = False  # UNCONFIRMED, see the module docstring
    art35_max_working_days: int = 60  # UNCONFIRMED: latest 延迟答复 date, in working days after receipt


@dataclass(frozen=True)
class ClockState:
    due_on: date | None  # None only while the applicant holds the case, or once answered
    running: bool
    used: int  # working days counted as of `today`
    allowed: int  # 20, plus any extension
    answered_on: date | None
    abandon_on: date | None  # deemed abandoned after this day if the 补正 or the fee does not arrive
    # The notice's delivery is not recorded, so abandon_on is only assumed (issue plus allowance):
    # the case must not be closed as 视为放弃 on it (the period runs from delivery, 条例第三十条).
    abandon_assumed: bool = False
    warnings: tuple[str, ...] = ()
    explanation: tuple[str, ...] = field(default=())

    @property
    def left(self) -> int:
        return self.allowed - self.used

    @property
    def overdue(self) -> bool:
        return self.answered_on is None and self.used > self.allowed


DEFAULT_SETTINGS = ClockSettings()


def compute_clock(
    entries: list[Entry],
    calendar: WorkCalendar,
    today: date,
    settings: ClockSettings = DEFAULT_SETTINGS,
    *,
    explain: bool = True,
) -> ClockState:
    """`explain=False` skips naming each holiday in the explanation (a bulk recompute only needs
    the dates; they are the same either way)."""
    return _Clock(calendar, settings, explain).run(sorted(entries, key=lambda e: e.on), today)


ART35_KINDS = (EntryKind.ART35_REASON_REQUESTED, EntryKind.ART35_REASON_CLOSED, EntryKind.ART35_DUE_FIXED)


class _Clock:
    """Walks the ledger once, keeping the counted segments and writing the explanation as it goes."""

    def __init__(self, calendar: WorkCalendar, settings: ClockSettings, explain: bool = True):
        self.calendar, self.settings, self.explain = calendar, settings, explain
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.used_closed = 0  # working days in finished segments since the last restart
        self.start: date | None = None  # counting runs over days after `start` (None: stopped)
        self.allowed = settings.answer_days
        self.abandon_on: date | None = None
        self.abandon_assumed = False
        self.pause_limit: date | None = None  # a consultation's pause ends here at the latest
        self.expired_on: date | None = None  # the last day of a period already used up before a pause
        self.answer_due: date | None = None  # the deadline an answer was measured against
        self.supplement_requested = False
        self.pause_why = "第三方逾期未提出意见（15个工作日届满）"  # why a limited pause ends by itself
        self.fixed_due: date | None = None  # 第三十五条: the 延迟答复 date, once fixed
        self.waiting_for_reason = False  # 第三十五条: paused until the applicant's reason (setting on)
        self.consulting = 0  # consulted parties whose answer is awaited while the clock stands

    def _begin(self, day: date, what: str) -> None:
        if self.settings.count_receipt_day:
            self.start = day - timedelta(days=1)
            self.lines.append(f"{what} {fmt(day)}，当日计入期限。")
        else:
            self.start = day
            self.lines.append(f"{what} {fmt(day)}。依《民法典》第二百零一条，当日不计入，自次日起算。")

    def _close_segment(self, day: date) -> None:
        if self.start is None:
            return
        remaining = self.allowed - self.used_closed
        counted = self.calendar.working_days_between(self.start, day)
        if 0 < remaining <= counted:
            self.expired_on = self.calendar.add_working_days(self.start, remaining)
        self.used_closed += counted
        self.start = None

    def _deadline(self) -> date | None:
        """The last day of the answer period if nothing more happens after the entries so far."""
        if self.fixed_due is not None:
            return self.fixed_due
        resume = self.start if self.start is not None else self.pause_limit
        if resume is None:
            return None  # the applicant holds the case (补正, fee): nothing is due from the body
        remaining = self.allowed - self.used_closed
        return self._deadline_from(resume) if remaining > 0 else self.expired_on

    def _stop(self, day: date, why: str) -> None:
        self._close_segment(day)
        self.lines.append(f"{fmt(day)} {why}，计时中止；此前已用{self.used_closed}个工作日。")

    def _resume(self, day: date, why: str) -> None:
        self.start = day
        self.lines.append(f"{fmt(day)} {why}，自次日起继续计时。")

    def run(self, entries: list[Entry], today: date) -> ClockState:
        if not entries or entries[0].kind != EntryKind.RECEIVED:
            raise ClockError("办理记录应以“收到申请”开始。")
        received = entries[0].on
        answered_on = None
        for entry in entries:
            if answered_on is not None:
                raise ClockError(f"{fmt(answered_on)}已作出答复，其后不能再有办理记录（{fmt(entry.on)}）。")
            if self.pause_limit and self.start is None and entry.on > self.pause_limit:
                self._resume(self.pause_limit, self.pause_why)
                self.pause_limit, self.waiting_for_reason, self.consulting = None, False, 0
            answered_on = self._apply(entry, received) or answered_on
        if self.pause_limit and self.start is None and today > self.pause_limit:
            self._resume(self.pause_limit, self.pause_why)
        return self._state(today, answered_on)

    def _apply(self, entry: Entry, received: date) -> date | None:
        kind, day = entry.kind, entry.on
        if kind == EntryKind.RECEIVED:
            self._begin(day, "收到申请")
        elif kind == EntryKind.SUPPLEMENT_REQUESTED:
            if self.supplement_requested:
                raise ClockError("补正告知只能一次性发出（条例第三十条），本申请已发出过补正告知。")
            self.supplement_requested = True
            latest = self.calendar.add_working_days(received, self.settings.supplement_notice_days)
            if day > latest:
                self.warnings.append(
                    f"补正告知应在收到申请后7个工作日内（{fmt(latest)}前）发出，实际为{fmt(day)}。"
                )
            self._stop(day, "发出补正告知（条例第三十条）")
            period = entry.days or 15
            self.abandon_on = self.calendar.add_working_days(self._applicant_has(entry, "补正告知"), period)
            self.lines.append(f"补正期限{period}个工作日，至{fmt(self.abandon_on)}；逾期未补正视为放弃申请。")
        elif kind == EntryKind.SUPPLEMENT_RECEIVED:
            self.used_closed, self.abandon_on, self.expired_on = 0, None, None
            self.abandon_assumed = False
            self._begin(day, "收到补正材料")
            self.lines.append("答复期限自收到补正材料之日起重新计算（条例第三十条）。")
        elif kind == EntryKind.CONSULTATION_SENT:
            # Several parties may be consulted on one request: the clock stands until the last of
            # them has answered or its 15 working days have ended.
            already = self.consulting > 0 and self.start is None
            if already:
                self.lines.append(f"{fmt(day)} 另发出征求意见函，计时继续中止。")
            else:
                self._stop(day, "发出征求意见函，征求意见时间不计入（条例第三十二条、第三十四条）")
            received = self._delivered(entry, "征求意见函")
            limit = self.calendar.add_working_days(received, self.settings.consultation_days)
            self.pause_limit = max(limit, self.pause_limit) if already and self.pause_limit else limit
            self.pause_why, self.waiting_for_reason = "第三方逾期未提出意见（15个工作日届满）", False
            self.consulting += 1
        elif kind == EntryKind.CONSULTATION_ANSWERED and self.start is None:
            self.consulting = max(0, self.consulting - 1)
            if self.consulting:
                self.lines.append(
                    f"{fmt(day)} 收到一方意见，尚有{self.consulting}方未提出意见，计时继续中止。"
                )
            else:
                self.pause_limit = None
                self._resume(day, "收到第三方意见")
        elif kind == EntryKind.EXTENSION_APPROVED:
            if self.fixed_due is not None:
                raise ClockError("已依条例第三十五条确定延迟答复期限，不能再延期答复。")
            self._check_extension(day, entry.days or 0)
            days = entry.days or 0
            self.allowed += days
            self.lines.append(f"{fmt(day)} 经负责人同意延长答复期限{days}个工作日（条例第三十三条第二款）。")
        elif kind == EntryKind.FEE_NOTICE_SENT:
            delivered = self._applicant_has(entry, "收费通知")
            self.abandon_on = self.calendar.add_working_days(delivered, self.settings.fee_payment_days)
            if self.settings.fee_pauses_clock:
                self._stop(day, "发出收费通知")
            self.lines.append(f"缴费期限至{fmt(self.abandon_on)}；逾期未缴费视为放弃申请。")
        elif kind == EntryKind.FEE_PAID:
            self.abandon_on, self.abandon_assumed = None, False
            if self.settings.fee_pauses_clock and self.start is None:
                self._resume(day, "申请人缴纳费用")
        elif kind in ART35_KINDS:
            self._apply_art35(entry, received)
        elif kind == EntryKind.ANSWERED:
            self.answer_due = self._deadline()
            self._close_segment(day)
            self.lines.append(
                f"{fmt(day)} 作出答复，共用{self.used_closed}个工作日（期限{self.allowed}个）。"
            )
            return day
        return None

    # --- 第三十五条 (art35) ---
    def _apply_art35(self, entry: Entry, received: date) -> None:
        day = entry.on
        if entry.kind == EntryKind.ART35_REASON_REQUESTED:
            pauses = self.settings.art35_reason_pauses_clock and self.start is not None
            self.lines.append(f"{fmt(day)} 要求申请人于{fmt(entry.until)}前说明理由（条例第三十五条）。")
            if pauses:
                self._stop(day, "等待申请人说明理由，该期间不计入（依本机关设置）")
                self.pause_limit, self.waiting_for_reason = entry.until, True
                self.pause_why = "申请人说明理由的期限届满"
            else:
                self.lines.append("等待说明理由期间照常计时。")
        elif entry.kind == EntryKind.ART35_REASON_CLOSED:
            if self.waiting_for_reason and self.start is None:
                self.pause_limit = None
                self._resume(day, "记录申请人说明理由的情况")
            self.waiting_for_reason = False
        elif entry.kind == EntryKind.ART35_DUE_FIXED:
            self._fix_due(day, entry.until, received)

    def _fix_due(self, day: date, fixed: date, received: date) -> None:
        """条例第三十五条: a longer, reasonable period, fixed before the current one has run out."""
        if self.fixed_due is not None:
            raise ClockError("本申请已确定过延迟答复的期限（条例第三十五条）。")
        current = self._deadline()
        if current is None:
            raise ClockError("计时中止期间（待补正或待缴费）不能确定延迟答复期限。")
        if day > current:
            raise ClockError(
                f"延迟答复期限应当在答复期限届满前确定：答复期限{fmt(current)}已届满，确定日为{fmt(day)}。"
            )
        if fixed <= current:
            raise ClockError(
                f"延迟答复的期限（{fmt(fixed)}）应晚于当前答复期限（{fmt(current)}）（条例第三十五条）。"
            )
        bound = self.calendar.add_working_days(received, self.settings.art35_max_working_days)
        if fixed > bound:
            raise ClockError(
                f"延迟答复的期限（{fmt(fixed)}）超出合理期限上限：自收到申请起"
                f"{self.settings.art35_max_working_days}个工作日，即{fmt(bound)}。"
            )
        self.fixed_due = fixed
        self.allowed += self.calendar.working_days_between(current, fixed)  # keeps used/allowed telling
        self.lines.append(
            f"{fmt(day)} 依条例第三十五条确定延迟答复期限至{fmt(fixed)}，此后答复期限以此为准。"
        )

    def _applicant_has(self, entry: Entry, notice: str) -> date:
        """The day the applicant's period starts; without a recorded delivery it is only assumed."""
        self.abandon_assumed = entry.delivered_on is None
        return self._delivered(entry, notice)

    def _delivered(self, entry: Entry, notice: str) -> date:
        """The day the period starts from: the recorded delivery, else issue plus the allowance."""
        if entry.delivered_on is not None:
            self.lines.append(f"{notice}于{fmt(entry.delivered_on)}送达，期限自送达之日起算。")
            return entry.delivered_on
        assumed = entry.on + timedelta(days=self.settings.postal_allowance_days)
        self.warnings.append(
            f"未登记{notice}的送达日期，期限暂按发出日{fmt(entry.on)}加{self.settings.postal_allowance_days}日在途时间起算。"
        )
        return assumed

    def _check_extension(self, day: date, days: int) -> None:
        """条例第三十三条第二款: at most 20 working days in all, decided before the period runs out."""
        if self.allowed - self.settings.answer_days + days > self.settings.max_extension_days:
            raise ClockError(
                f"延长答复期限最长不超过{self.settings.max_extension_days}个工作日（条例第三十三条第二款）。"
            )
        deadline = self._deadline() if self.start is not None else None
        if deadline is not None and day > deadline:  # a stopped clock cannot run out
            raise ClockError(
                f"延长答复期限应当在答复期限届满前决定（条例第三十三条第二款）：答复期限{fmt(deadline)}已届满，"
                f"延期决定日为{fmt(day)}。"
            )

    def _state(self, today: date, answered_on: date | None) -> ClockState:
        used = self.used_closed
        due_on = self.answer_due
        if self.start is not None:
            used += self.calendar.working_days_between(self.start, max(today, self.start))
            due_on = self._due_after(self.start)
            if due_on:
                self.lines.append(f"答复期限：{fmt(due_on)}，共{self.allowed}个工作日。")
        elif answered_on is None:
            self.lines.append(f"计时中止中，已用{used}个工作日，剩余{self.allowed - used}个工作日。")
            if self.pause_limit:
                due_on = self._due_after(self.pause_limit)
                if due_on:
                    self.lines.append(
                        f"若第三方在{fmt(self.pause_limit)}前未提出意见，自次日起继续计时，"
                        f"答复期限为{fmt(due_on)}，共{self.allowed}个工作日。"
                    )
        if answered_on is None and self.fixed_due is not None:
            due_on = self.fixed_due  # 第三十五条: the date told to the applicant stands
            self.lines.append(f"答复期限：{fmt(due_on)}（条例第三十五条延迟答复）。")
        if answered_on is None and self.abandon_on is not None and self.abandon_assumed:
            self.warnings.append("登记送达日期前，不会按视为放弃终止本申请（期限自收到通知之日起算）。")
        overdue_days = used - self.allowed if self.fixed_due is None else self._late_past_fixed(today)
        if answered_on is None and overdue_days > 0:
            self.warnings.append(f"已超过答复期限{overdue_days}个工作日。")
        return ClockState(
            due_on=due_on,
            running=self.start is not None,
            used=used,
            allowed=self.allowed,
            answered_on=answered_on,
            abandon_on=self.abandon_on,
            abandon_assumed=self.abandon_on is not None and self.abandon_assumed,
            warnings=tuple(self.warnings),
            explanation=tuple(self.lines),
        )

    def _late_past_fixed(self, today: date) -> int:
        assert self.fixed_due is not None
        return self.calendar.working_days_between(self.fixed_due, today) if today > self.fixed_due else 0

    def _due_after(self, start: date) -> date | None:
        """The due date when counting resumes after `start`, explained day by day."""
        if self.allowed <= self.used_closed:
            ended = f"，已于{fmt(self.expired_on)}届满" if self.expired_on else ""
            self.lines.append(f"已用满{self.allowed}个工作日的答复期限{ended}。")
            return self.expired_on
        due_on = self._deadline_from(start)
        self._explain_run(start, due_on)
        return due_on

    def _deadline_from(self, start: date) -> date:
        return self.calendar.add_working_days(start, self.allowed - self.used_closed)

    def _explain_run(self, after: date, until: date) -> None:
        """Name the holidays and 调休 days inside the counting run, so the date can be checked by hand."""
        if not self.explain:
            return
        first = self.calendar.add_working_days(after, 1)
        self.lines.append(f"第1个工作日为{fmt(first)}。")
        day, holiday_start, holiday_name = after, None, ""
        while day < until:
            day += timedelta(days=1)
            what = self.calendar.describe(day)
            if what.endswith("假期"):
                if holiday_start is None or what != holiday_name:
                    self._flush_holiday(holiday_start, day, holiday_name)
                    holiday_start, holiday_name = day, what
                continue
            self._flush_holiday(holiday_start, day, holiday_name)
            holiday_start = None
            if what == "调休工作日":
                self.lines.append(f"{fmt(day)}为调休工作日，计入。")

    def _flush_holiday(self, start: date | None, day_after: date, name: str) -> None:
        if start is not None:
            end = day_after - timedelta(days=1)
            span = fmt(start) if start == end else f"{fmt(start)}至{fmt(end)}"
            self.lines.append(f"{span} {name}，不计入。")
