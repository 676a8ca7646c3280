from django.core.management.base import BaseCommand

from gongkai.bodies.demo import DEMO_PASSWORD, load_demo
from gongkai.core.workcalendar import UnknownYearError


class Command(BaseCommand):
    help = "载入演示数据（示范区：区政府、区政务公开办、三个街道、两个局及其人员）。重复运行不会重复创建。"

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for login in logins:
            if login.username.split("-")[-1] in {"jb", "fz", "gl", "dc"}:
                self.stdout.write(f"  {login.username:<14} {login.full_name:<6} {login.role:<6} {login.body}")
        self.stdout.write("（另有 -jb2 经办人B角、-sh 审核人、-bm 保密审查员，规则相同。）")
        from gongkai.annual.demo import load_demo_year
        from gongkai.applications.demo import load_demo_cases
        from gongkai.publishing.demo import load_demo_publications

        loaders = [
            (load_demo_cases, "演示申请", "已载入东湖街道的{}件演示申请。"),
            (
                load_demo_publications,
                "演示主动公开信息",
                "已为各机关载入{}条演示主动公开信息（含公开目录）。",
            ),
            (load_demo_year, "2025年度演示数据", "已为{}个机关载入2025年度的申请、复议和年度报告。"),
        ]
        for load, what, done in loaders:
            try:
                created = load()
            except UnknownYearError as error:
                self.stdout.write(f"{what}未载入：{error}")
            else:
                if created:
                    self.stdout.write(done.format(created))
