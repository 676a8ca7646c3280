from django.core.management.base import BaseCommand

from gongkai.annual.jobs import report_files_job, versions_missing_files


class Command(BaseCommand):
    help = "为缺少下载文件（DOCX、PDF）的已发布年度报告版本生成并保存文件（不经任务队列，供 cron 使用）。"

    def handle(self, *args, **options):
        versions = list(versions_missing_files())
        for version in versions:
            self.stdout.write(report_files_job(lambda **_: None, version_id=version.pk))
        self.stdout.write(f"共处理{len(versions)}个版本。")
