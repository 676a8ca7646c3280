import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from gongkai.api import api


class Command(BaseCommand):
    help = "把 API 的 OpenAPI 描述写入 docs/openapi.json（接口变化后运行）。"

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "docs" / "openapi.json"
        schema = api.get_openapi_schema()
        target.write_text(
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"已写入 {target}")
