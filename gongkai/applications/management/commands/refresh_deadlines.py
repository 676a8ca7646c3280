from django.core.management.base import BaseCommand

from gongkai.registry.deadlines import deadlines_refresh


class Command(BaseCommand):
    help = "按办理记录和节假日安排重新核对所有办理中申请的答复期限和主动公开信息的公开期限（每天运行一次）。"

    def handle(self, *args, **options):
        moved = deadlines_refresh(actor=None, reason="每日核对")
        cases, items = moved["applications"], moved["publishing"]
        self.stdout.write(f"答复期限变化 {cases} 件，主动公开期限变化 {items} 条（均已记入审计日志）。")
