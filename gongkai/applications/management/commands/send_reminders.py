from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.applications.reminders import reminder_digest


class Command(BaseCommand):
    help = "列出5个和2个工作日内到期及已逾期的申请，并发邮件提醒经办人（每天运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只打印，不发邮件")

    def handle(self, *args, dry_run=False, **options):
        digests = reminder_digest(today=timezone.localdate())
        for user, lines in digests:
            self.stdout.write(f"{user.get_full_name() or user.username}：")
            for line in lines:
                self.stdout.write(f"  {line}")
            if not dry_run and user.email:
                send_mail(
                    "政府信息公开申请到期提醒", "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email]
                )
        self.stdout.write(f"共提醒 {len(digests)} 人。")
