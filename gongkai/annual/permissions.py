"""Who may do what with a body's annual report. Used by the views and the services alike.

- The body's handling staff (经办人, 审核人, 负责人, 管理员) enter and import table 1's figures,
  draft the report and edit a draft.
- 审核人 review a draft; 负责人 sign and publish; either sends a reviewed version back (退回).
- Reading is any staff member's of the body and the inspectors' above it (can_view_body).
- AB岗: a backup acts in a role on the days its holder is away; a superuser may do anything.
"""

from __future__ import annotations

from datetime import date

from gongkai.bodies.models import Body, Role
from gongkai.bodies.permissions import acts_as

# The staff who prepare the report: the same people who handle the applications it counts.
REPORT_STAFF = {Role.CLERK, Role.REVIEWER, Role.HEAD, Role.ADMIN}


def can_prepare_report(user, body: Body, on: date | None = None) -> bool:
    """Enter or import table 1's figures, draft the report, edit a draft."""
    return acts_as(user, body, REPORT_STAFF, on)


def can_review_report(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.REVIEWER}, on)


def can_sign_report(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.HEAD}, on)


def can_return_report(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.REVIEWER, Role.HEAD}, on)
