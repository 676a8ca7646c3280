"""Logging in: hashed passwords, throttling after repeated failures, sessions that expire."""

from django.conf import settings
from django.contrib.auth import get_user_model

from gongkai.bodies.demo import DEMO_PASSWORD


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_clerk_logs_in_and_lands_on_today(client, cast):
    response = login(client, "donghu-jb", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/work/"
    assert "今日待办" in client.get("/work/").content.decode()


def test_wrong_password_is_explained_in_chinese(client, cast):
    response = login(client, "donghu-jb", "wrong-password")
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.content.decode()


def test_passwords_are_stored_hashed(cast):
    stored = get_user_model().objects.get(username="donghu-jb").password
    assert DEMO_PASSWORD not in stored
    assert stored.split("$", 1)[0] in {"md5", "pbkdf2_sha256"}


def test_login_is_locked_after_repeated_failures(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "donghu-jb", "guess").status_code == 200
    locked = login(client, "donghu-jb", "guess")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    # Even the right password is refused while the lock lasts.
    assert login(client, "donghu-jb", DEMO_PASSWORD).status_code == 429


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_logout_ends_the_session(client, cast):
    login(client, "donghu-jb", DEMO_PASSWORD)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/work/").status_code == 302
