"""Behind the reverse proxy each client keeps its own address: login lockout and the form's quota.

The proxy (REMOTE_ADDR 127.0.0.1) appends the address it saw to X-Forwarded-For; only that many
entries from the right are trusted, so a client cannot pick a fresh address by writing its own.
"""

import os
import socket
import threading
import uuid

import pytest
from django.test import RequestFactory

from conftest import skip_or_fail
from gongkai.applications.models import Application
from gongkai.applications.rate_limit import submission_place_take
from gongkai.applications.tests.test_register import public_form
from gongkai.bodies.demo import DEMO_PASSWORD
from gongkai.common.client_ip import client_ip

CITIZEN_A = "203.0.113.10"
CITIZEN_B = "198.51.100.20"


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_PROXY_COUNT = 1


def forwarded(chain: str) -> dict:
    return {"HTTP_X_FORWARDED_FOR": chain, "REMOTE_ADDR": "127.0.0.1"}


def request_from(chain: str | None):
    meta = forwarded(chain) if chain is not None else {"REMOTE_ADDR": "127.0.0.1"}
    return RequestFactory().post("/apply/donghu/", **meta)


@pytest.mark.parametrize(
    ("proxies", "chain", "expected"),
    [
        (0, f"{CITIZEN_A}", "127.0.0.1"),  # not behind a proxy: the header is the client's own words
        (1, f"{CITIZEN_A}", CITIZEN_A),
        (1, f"6.6.6.6, {CITIZEN_A}", CITIZEN_A),  # a spoofed left-most entry is ignored
        (2, f"6.6.6.6, {CITIZEN_A}, 10.0.0.2", CITIZEN_A),
        (2, f"{CITIZEN_A}", "127.0.0.1"),  # fewer entries than proxies: nobody vouched
        (1, None, "127.0.0.1"),
    ],
)
def test_trusted_client_address(settings, proxies, chain, expected):
    settings.CLIENT_IP_PROXY_COUNT = proxies
    assert client_ip(request_from(chain)) == expected


def login_from(client, address, password):
    return client.post(
        "/accounts/login/", {"username": "donghu-fz", "password": password}, **forwarded(address)
    )


def test_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(
    client, cast, settings, behind_proxy
):
    settings.AXES_FAILURE_LIMIT = 4
    statuses = [login_from(client, CITIZEN_A, "guess").status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert login_from(client, CITIZEN_A, DEMO_PASSWORD).status_code == 429
    assert login_from(client, CITIZEN_B, DEMO_PASSWORD).status_code == 302


def test_a_spoofed_forwarded_entry_does_not_escape_the_lockout(client, cast, settings, behind_proxy):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        login_from(client, CITIZEN_A, "guess")
    assert login_from(client, f"6.6.6.6, {CITIZEN_A}", DEMO_PASSWORD).status_code == 429


def apply_from(client, chain, key):
    return client.post("/apply/donghu/", public_form(submission_key=key), **forwarded(chain))


def test_citizens_behind_the_proxy_have_their_own_quota(client, cast, settings, behind_proxy):
    settings.PUBLIC_APPLY_PER_HOUR = 2
    assert [apply_from(client, CITIZEN_A, key).status_code for key in "abc"] == [302, 302, 429]
    assert apply_from(client, CITIZEN_B, "d").status_code == 302
    # Writing another address in front of the proxy's entry buys no new quota.
    assert apply_from(client, f"6.6.6.6, {CITIZEN_A}", "e").status_code == 429
    assert Application.objects.count() == 3


def test_refused_submissions_take_no_place(client, cast, settings, behind_proxy):
    settings.PUBLIC_APPLY_PER_HOUR = 2
    for key in "xyz":
        wrong = client.post(
            "/apply/donghu/", public_form(submission_key=key, confirm=""), **forwarded(CITIZEN_A)
        )
        assert wrong.status_code == 400
    assert [apply_from(client, CITIZEN_A, key).status_code for key in "ab"] == [302, 302]


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_the_limit_holds_under_concurrent_submissions_on_redis(settings):
    """200 submissions at once from one address at a limit of 10: exactly 10 get a place."""
    if not _redis_reachable():
        skip_or_fail("127.0.0.1:6379 上没有 Redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/13"),
            # Other test runs share this Redis: a key of our own, never a flush.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PUBLIC_APPLY_PER_HOUR = 10
    request = request_from(None)
    start = threading.Barrier(200)
    granted = []

    def submit():
        start.wait()
        granted.append(submission_place_take(request))

    threads = [threading.Thread(target=submit) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert granted.count(True) == 10
