from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.applications.handling import close_abandoned


class Command(BaseCommand):
    help = "终止逾期未补正或未缴费、视为放弃的申请（每天运行一次，如由 cron 调用）。"

    def handle(self, *args, **options):
        closed = close_abandoned(today=timezone.localdate())
        for application in closed:
            self.stdout.write(
                f"{application.number}：{application.get_outcome_display()}（{application.decided_on}）"
            )
        self.stdout.write(f"共终止 {len(closed)} 件。")
