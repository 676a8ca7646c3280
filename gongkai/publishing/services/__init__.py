"""Use cases of proactive disclosure: one function each, keyword-only, one transaction each,
each writing its audit entry in that transaction. Grouped by what the people doing them do:

- catalogue: the 目录, its default per level, the 索引号 rule and serial (管理员);
- drafting: create an item, edit the draft, attachments (经办人);
- gate: the sensitive-data scan on submit and the decision on each hit (审核人, 保密审查员);
- review: 审核, 保密审查, 签发 and 退回;
- changes: a new version of a published item, repeal, the link to its 政策解读.

Callers import this package (`from gongkai.publishing import services`); the modules are its parts.
"""

from gongkai.common.services import ServiceError
from gongkai.publishing.models import OPEN_STATUSES
from gongkai.publishing.services._common import VERSION_FIELDS
from gongkai.publishing.services.catalogue import (
    catalogue_install_default,
    catalogue_node_save,
    index_number_take,
    index_rule_of,
    index_rule_set,
)
from gongkai.publishing.services.changes import (
    INTERPRETED_KINDS,
    publication_link_interpretation,
    publication_new_version,
    publication_repeal,
)
from gongkai.publishing.services.drafting import (
    ACCEPTED_TYPES,
    CONTENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    attachment_add,
    attachment_content_type,
    attachment_remove,
    attachment_text,
    due_on_for,
    publication_create,
    version_edit,
)
from gongkai.publishing.services.gate import (
    CHANGED_TO,
    HIT_STATUSES,
    hit_reopen,
    hit_resolve,
    text_location,
    version_submit,
)
from gongkai.publishing.services.review import (
    version_return,
    version_review,
    version_secrecy_clear,
    version_sign,
)

__all__ = [
    "ACCEPTED_TYPES",
    "CHANGED_TO",
    "CONTENT_TYPES",
    "HIT_STATUSES",
    "INTERPRETED_KINDS",
    "MAX_ATTACHMENT_BYTES",
    "OPEN_STATUSES",
    "VERSION_FIELDS",
    "ServiceError",
    "attachment_add",
    "attachment_content_type",
    "attachment_remove",
    "attachment_text",
    "catalogue_install_default",
    "catalogue_node_save",
    "due_on_for",
    "hit_reopen",
    "hit_resolve",
    "index_number_take",
    "index_rule_of",
    "index_rule_set",
    "publication_create",
    "publication_link_interpretation",
    "publication_new_version",
    "publication_repeal",
    "text_location",
    "version_edit",
    "version_return",
    "version_review",
    "version_secrecy_clear",
    "version_sign",
    "version_submit",
]
