"""Concurrent registrations on PostgreSQL never share a number (the serial counter row is locked)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from gongkai.applications.models import Application
from gongkai.applications.services import ApplicantDetails, application_register

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_simultaneous_registrations_get_twenty_numbers(cast):
    if connection.vendor != "postgresql":
        pytest.skip("并发登记需要 PostgreSQL（SQLite 只允许一个写入者）；CI 在 PostgreSQL 上运行本测试")
    applicant = ApplicantDetails("natural_person", "张三", "resident_id", "11010519491231002X", "13800000000")

    def register(index):
        try:
            return application_register(
                actor=None,
                body=cast.body,
                channel="online",
                received_on=date(2026, 3, 2),
                applicant=applicant,
                information_requested=f"第{index}件申请所需的信息",
                form_wanted="",
                today=date(2026, 3, 2),
            ).number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(register, range(20)))
    assert sorted(numbers) == [f"DONGHU-2026-{i:04d}" for i in range(1, 21)]
    assert Application.objects.count() == 20
