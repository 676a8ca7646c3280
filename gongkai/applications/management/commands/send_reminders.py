from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.applications.reminders import reminders_send


class Command(BaseCommand):
    help = "列出5个和2个工作日内到期及已逾期的申请，并发邮件提醒经办人（每天运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只打印，不发邮件")

    def handle(self, *args, dry_run=False, **options):
        digests = reminders_send(today=timezone.localdate(), dry_run=dry_run)
        for user, lines in digests:
            self.stdout.write(f"{user.get_full_name() or user.username}：")
            for line in lines:
                self.stdout.write(f"  {line}")
        self.stdout.write(f"共提醒 {len(digests)} 人。")
