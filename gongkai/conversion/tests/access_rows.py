"""Permission-matrix rows of 转为主动公开 (see tests/access.py): the case's handlers only."""

from tests.access import HANDLERS, Row

ROWS = [
    Row("application-proactive", "get", "/bodies/{body}/applications/{application}/proactive/", HANDLERS),
    Row(
        "application-proactive",
        "post",
        "/bodies/{body}/applications/{application}/proactive/",
        HANDLERS,
        ok=(400,),  # allowed to post; the case is not answered with disclosure (and nothing was chosen)
    ),
    Row(
        "application-proactive-join",
        "post",
        "/bodies/{body}/applications/{application}/proactive/join/",
        HANDLERS,
        ok=(400,),  # allowed to post; there is no item of a like case to join
    ),
    Row(
        "application-proactive-suggestion",
        "post",
        "/bodies/{body}/applications/{application}/proactive/suggestion/",
        HANDLERS,
        ok=(302, 400),  # the first handler records it; for the next it is recorded already
        data={"suggest-reason": "需要公众广泛知晓"},
    ),
]
