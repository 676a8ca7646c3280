"""The transitions of an item's latest version: who may take which step from which status.

One table, read by the services (which refuse a step the table does not allow), by the item page
(which shows the buttons the table offers) and by the step view. 退回 is taken by whoever holds the
current step (HOLDERS); 废止 only while the item is not already repealed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.publishing import permissions
from gongkai.publishing.models import VersionStatus


@dataclass(frozen=True)
class Transition:
    label: str
    allowed: Callable  # (user, body, on=None) -> bool: the role that may take the step at all
    statuses: tuple[str, ...]  # the latest version's statuses the step starts from


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition("提交审核", permissions.can_draft, (VersionStatus.DRAFT,)),
    "review": Transition("审核通过", permissions.can_review, (VersionStatus.IN_REVIEW,)),
    "clear": Transition("保密审查通过", permissions.can_secrecy_review, (VersionStatus.IN_SECRECY,)),
    "sign": Transition("签发", permissions.can_sign, (VersionStatus.AWAITING_SIGNATURE,)),
    "return": Transition(
        "退回修改",
        permissions.can_return,
        (VersionStatus.IN_REVIEW, VersionStatus.IN_SECRECY, VersionStatus.AWAITING_SIGNATURE),
    ),
    "new_version": Transition("起草新版本", permissions.can_draft, (VersionStatus.PUBLISHED,)),
    "repeal": Transition("废止", permissions.can_repeal, (VersionStatus.PUBLISHED,)),
}

# Who holds the version at each status of the review chain, and so may also send it back (退回).
HOLDERS = {
    VersionStatus.IN_REVIEW: (permissions.can_review, "审核人"),
    VersionStatus.IN_SECRECY: (permissions.can_secrecy_review, "保密审查员"),
    VersionStatus.AWAITING_SIGNATURE: (permissions.can_sign, "负责人"),
}


def holds(user, body, status: str, on=None) -> bool:
    """Whether the user holds the step the version waits in (so may take it or send it back)."""
    holder = HOLDERS.get(status)
    return holder is not None and holder[0](user, body, on)


def may_take(user, publication, version, key: str, on=None) -> bool:
    """Whether the table lets the user take the step on the item's latest version now."""
    transition = TRANSITIONS.get(key)
    body = publication.body
    if (
        transition is None
        or version.status not in transition.statuses
        or not transition.allowed(user, body, on)
    ):
        return False
    if key == "return":
        return holds(user, body, version.status, on)
    if key == "repeal":
        return publication.repealed_on is None
    return True


def steps_open_to(user, publication, version) -> list[str]:
    """The steps the item page offers the user, in the table's order."""
    return [key for key in TRANSITIONS if may_take(user, publication, version, key)]
