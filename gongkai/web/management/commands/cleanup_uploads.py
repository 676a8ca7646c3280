"""List (and with --delete remove) stored upload files that no record points to."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.common.orphan_uploads import uploads_remove, uploads_scan


def _size(files) -> str:
    return f"{sum(f.size for f in files) / 2**20:.1f} MB"


class Command(BaseCommand):
    help = (
        "列出没有任何记录引用、且早于宽限期的已存储文件（被中断或撤销的上传留下的）；加 --delete 删除。"
        "例：python manage.py cleanup_uploads --delete --grace-hours 24"
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="删除列出的孤立文件（默认只列出）")
        parser.add_argument(
            "--grace-hours", type=int, default=24, help="比这更新的文件不处理，上传可能尚未完成（默认24小时）"
        )

    def handle(self, *args, delete: bool, grace_hours: int, **options):
        scan = uploads_scan(now=timezone.now(), grace=timedelta(hours=grace_hours))
        for stored in scan.orphans:
            modified = timezone.localtime(stored.modified).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{stored.name}\t{stored.size}字节\t{modified}")
        self.stdout.write(f"孤立文件：{len(scan.orphans)}个，共{_size(scan.orphans)}。")
        if scan.fresh:
            self.stdout.write(
                f"另有{len(scan.fresh)}个未被引用的文件（共{_size(scan.fresh)}）在{grace_hours}小时宽限期内，暂不处理。"
            )
        if not delete:
            if scan.orphans:
                self.stdout.write("未删除任何文件；加 --delete 删除以上孤立文件。")
            return
        removed = uploads_remove(scan.orphans)
        self.stdout.write(f"已删除{len(removed)}个孤立文件，共{_size(removed)}。")
