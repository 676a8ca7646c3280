"""A realistic demo: a district government, its 政务公开办, three 街道办事处 and two 局, each with staff.

Loaded through the same services as real data, so the audit log shows how it was built. Loading
twice changes nothing: bodies and users that exist are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.bodies import services
from gongkai.bodies.models import Body, BodyVersion, Level, Role
from gongkai.core.credit_code import check_character

DEMO_PASSWORD = "gongkai-demo-2026"  # noqa: S105 - printed for the demo on purpose
ESTABLISHED = date(2019, 1, 1)


@dataclass(frozen=True)
class DemoBody:
    code: str
    short_name: str
    name: str
    level: str
    parent: str | None
    organisation_code: str  # the 9-character 组织机构代码 part of the credit code
    office_name: str
    address: str
    phone: str
    fax: str = ""


BODIES = [
    DemoBody(
        "district",
        "示范区政府",
        "示范区人民政府",
        Level.COUNTY,
        None,
        "MB0000017",
        "示范区人民政府办公室",
        "示范区人民路1号",
        "0755-8000 1000",
        "0755-8000 1001",
    ),
    DemoBody(
        "zwgkb",
        "区政务公开办",
        "示范区人民政府办公室（区政务公开办）",
        Level.DEPARTMENT,
        "district",
        "MB0000025",
        "区政务公开办公室",
        "示范区人民路1号3楼",
        "0755-8000 1010",
        "0755-8000 1011",
    ),
    DemoBody(
        "donghu",
        "东湖街道",
        "示范区东湖街道办事处",
        Level.TOWNSHIP,
        "district",
        "MB0000033",
        "东湖街道党政综合办公室",
        "示范区东湖路18号",
        "0755-8000 2000",
        "0755-8000 2001",
    ),
    DemoBody(
        "xishan",
        "西山街道",
        "示范区西山街道办事处",
        Level.TOWNSHIP,
        "district",
        "MB0000041",
        "西山街道党政综合办公室",
        "示范区西山大道66号",
        "0755-8000 3000",
    ),
    DemoBody(
        "nanmen",
        "南门街道",
        "示范区南门街道办事处",
        Level.TOWNSHIP,
        "district",
        "MB000005X",
        "南门街道党政综合办公室",
        "示范区南门街9号",
        "0755-8000 4000",
        "0755-8000 4001",
    ),
    DemoBody(
        "czj",
        "区财政局",
        "示范区财政局",
        Level.DEPARTMENT,
        "district",
        "MB0000068",
        "区财政局办公室",
        "示范区财政大厦5楼",
        "0755-8000 5000",
        "0755-8000 5001",
    ),
    DemoBody(
        "zjj",
        "区住建局",
        "示范区住房和城乡建设局",
        Level.DEPARTMENT,
        "district",
        "MB0000076",
        "区住房和城乡建设局办公室",
        "示范区建设路200号",
        "0755-8000 6000",
        "0755-8000 6001",
    ),
]

# (username suffix, role, surname + given name pool index); the second clerk is the first clerk's AB岗 backup.
STAFF = [
    ("jb", Role.CLERK),
    ("jb2", Role.CLERK),
    ("sh", Role.REVIEWER),
    ("bm", Role.SECRECY),
    ("fz", Role.HEAD),
    ("gl", Role.ADMIN),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = ["建国", "晓燕", "志强", "丽华", "海波", "秀英", "文杰", "婷婷", "国平", "春梅", "明辉", "雪莲"]


def credit_code_for(organisation_code: str) -> str:
    # 11 = 机构编制 / 机关; 440399 is a fictitious division code so no real body is impersonated.
    first = "11440399" + organisation_code
    return first + check_character(first)


def _full_name(index: int) -> str:
    return SURNAMES[index % len(SURNAMES)] + GIVEN[index % len(GIVEN)]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    body: str
    role: str


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    User = get_user_model()
    logins: list[DemoLogin] = []
    for spec in BODIES:
        body = Body.objects.filter(code=spec.code).first()
        if body is None:
            body = services.body_create(
                actor=None,
                code=spec.code,
                credit_code=credit_code_for(spec.organisation_code),
                established_on=ESTABLISHED,
                details={
                    "name": spec.name,
                    "short_name": spec.short_name,
                    "level": spec.level,
                    "parent": Body.objects.get(code=spec.parent) if spec.parent else None,
                    # The district's 政务公开办 supervises every body's disclosure work, its own included.
                    "supervisor": Body.objects.filter(code="zwgkb").first(),
                    "office_name": spec.office_name,
                    "office_address": spec.address,
                    "office_hours": "工作日 9:00-12:00，14:00-17:30（法定节假日除外）",
                    "office_phone": spec.phone,
                    "office_fax": spec.fax,
                    "office_email": f"gongkai-{spec.code}@example.gov.cn",
                    "office_web": f"https://{spec.code}.example.gov.cn/",
                },
            )
        staff = list(STAFF) + ([("dc", Role.INSPECTOR)] if spec.code == "zwgkb" else [])
        for suffix, role in staff:
            username = f"{spec.code}-{suffix}"
            index = len(logins)
            user = User.objects.filter(username=username).first()
            if user is None:
                user = services.user_create(
                    actor=None,
                    body=body,
                    username=username,
                    full_name=_full_name(index),
                    password=DEMO_PASSWORD,
                    role=role,
                    valid_from=ESTABLISHED,
                )
            logins.append(
                DemoLogin(username, user.get_full_name(), body.versions.first().name, Role(role).label)
            )
        _name_clerk_backup(body)
    # The government and the 政务公开办 itself could not name zwgkb before it existed.
    office = Body.objects.get(code="zwgkb")
    for version in BodyVersion.objects.filter(valid_to=None, supervisor=None).select_related("body"):
        services.body_update_details(
            actor=None, body=version.body, effective_from=version.valid_from, changes={"supervisor": office}
        )
    return logins


def _name_clerk_backup(body: Body) -> None:
    first = body.assignments.filter(user__username=f"{body.code}-jb", role=Role.CLERK).first()
    second = get_user_model().objects.filter(username=f"{body.code}-jb2").first()
    if first and second and first.backup_id is None:
        services.role_set_backup(actor=None, assignment=first, backup=second)
