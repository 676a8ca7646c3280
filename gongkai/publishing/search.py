"""Full-text search over items (titles, text, attachment text), public and staff.

Chinese has no spaces, and neither database ships a Chinese parser here, so the index holds
overlapping character bigrams of every run of CJK characters ("低保资金" -> "低保 保资 资金") plus
ASCII words and numbers; a query matches as a phrase of its bigrams, which gives exact recall
for words of two characters or more (see /work/shared/reference/stack.md, "Chinese search").

- SearchEntry.grams = the title's grams, a newline, then the text's grams.
- SQLite: a contentless FTS5 table publishing_search_fts(title, body), rowid = SearchEntry.id,
  kept in step here; ranked by bm25() with the title weighted above the body.
- PostgreSQL: to_tsvector('simple', grams) in a stored generated column with a GIN index (made
  by migration 0002, not a model field), queried with phraseto_tsquery(); ranked by ts_rank().
- On both, an item whose title matches comes before one that matches in the body only.
- A query of a single character cannot use the bigram index: it falls back to a bounded
  substring scan.

Services call index_publication() after every change of an item, so the index never lags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.sensitive import Hit as SensitiveFind
from gongkai.core.sensitive import HitKind, mask, mask_personal_numbers
from gongkai.publishing.models import (
    HitResolution,
    Publication,
    PublicationVersion,
    SearchEntry,
    VersionStatus,
)

FTS_TABLE = "publishing_search_fts"
MAX_QUERY_CHARS = 256
SCAN_LIMIT = 1000  # rows a one-character query may return at most
TOTAL_CAP = 1000  # matches counted at most ("找到超过 1000 条")
RANK_WINDOW = 200  # the newest matches that relevance order ranks
# PostgreSQL: the newest rows a search reads first, in the index's order, before it leaves the
# choice to the planner (see _newest_window_sql)...
READ_FIRST = 2_000
# ...or, for the public in one body, before it reads on down the dates or turns to the body's
# index of words (see _body_window_sql).
BODY_READ_FIRST = 1_000
# Fewer matches than this among those BODY_READ_FIRST rows (3.7 %) make a word rare enough that
# the body's index of words finds its matches sooner than reading on: in a body of 141,000 items
# both then read about 5,000 rows.
SPARSE = 37
SNIPPET_CHARS = 60
# Around a snippet's window this much more text is scanned before masking, so that a number cut
# by the window's edge, or an address whose name stands just outside it, is still recognised.
MASK_MARGIN = 120
FTS_INSERT = "INSERT INTO publishing_search_fts(rowid, title, body) VALUES (%s, %s, %s)"
FTS_DELETE = "INSERT INTO publishing_search_fts(publishing_search_fts, rowid, title, body) VALUES ('delete', %s, %s, %s)"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(rf"[{_CJK}]+|[a-z0-9]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_TAG = re.compile(r"<[^<>]*>")


# ---- grams ----


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _run_tokens(run: str) -> list[str]:
    if not _CJK_RUN.fullmatch(run):
        return [run]
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """The index tokens of a text: CJK bigrams (a lone CJK character as itself), ASCII words."""
    found: list[str] = []
    for run in _TOKEN.findall(normalise(text)):
        found.extend(_run_tokens(run))
    return found


def grams(text: str) -> str:
    return " ".join(tokens(text))


def entry_grams(title: str, text: str) -> str:
    return f"{grams(title)}\n{grams(text)}"


# ---- keeping the index ----


def _newest_version(publication: Publication) -> PublicationVersion | None:
    return publication.versions.order_by("-number").first()


def _public_version(publication: Publication) -> PublicationVersion | None:
    version = publication.published_version
    if version is None or version.status != VersionStatus.PUBLISHED:
        return None
    return version


def _attachment_text(attachment, public: bool) -> str:
    """The text the index holds for an attachment: for the public, as published (the masked hits
    removed, as from the published copy of the file); for staff, as uploaded."""
    if not public:
        return attachment.text
    hits = [
        SensitiveFind(HitKind(h.kind), h.start, h.end, h.value)
        for h in attachment.hits.all()
        if h.resolution == HitResolution.MASKED
    ]
    return mask(attachment.text, hits)


def _entry_text(version: PublicationVersion, public: bool) -> str:
    body = version.published_text if public else version.text
    parts = [body] + [_attachment_text(a, public) for a in version.attachments.all() if a.text]
    return "\n".join(part for part in parts if part)


def _entry_values(publication: Publication, version: PublicationVersion, public: bool) -> dict:
    text = _entry_text(version, public)
    day = version.published_on or version.formed_on
    return {
        "body_id": publication.body_id,
        "column_id": publication.column_id,
        "kind": publication.kind,
        "year": day.year,
        "valid": publication.repealed_on is None,
        "status": version.status,
        "published_on": version.published_on
        if public
        else (version.published_on or publication.first_published_on),
        "title": version.title,
        "text": text,
        "grams": entry_grams(version.title, text),
    }


def _fts_write(command: str, entry_id: int, entry_grams_text: str) -> None:
    """Add a row to the contentless FTS5 table, or remove one (which needs the values it had)."""
    title, _, body = entry_grams_text.partition("\n")
    with connection.cursor() as cursor:
        cursor.execute(FTS_DELETE if command == "delete" else FTS_INSERT, [entry_id, title, body])


def _uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def _sync(publication: Publication, version: PublicationVersion | None, public: bool) -> None:
    existing = SearchEntry.objects.filter(publication=publication, public=public).first()
    values = _entry_values(publication, version, public) if version is not None else None
    if existing and values and all(getattr(existing, name) == value for name, value in values.items()):
        return  # unchanged (the public entry while a new version is drafted): no write, no cache emptied
    if existing and _uses_fts5():
        _fts_write("delete", existing.id, existing.grams)
    if version is None:
        if existing:
            existing.delete()
        return
    entry = existing or SearchEntry(publication=publication, public=public)
    for name, value in values.items():
        setattr(entry, name, value)
    entry.save()
    if _uses_fts5():
        _fts_write("insert", entry.id, entry.grams)


@transaction.atomic
def index_publication(publication) -> None:
    """Bring the item's SearchEntry rows (public and staff) up to date."""
    _sync(publication, _public_version(publication), public=True)
    _sync(publication, _newest_version(publication), public=False)


# ---- querying ----


@dataclass(frozen=True)
class Query:
    """A parsed query: each term is a phrase of tokens; all terms must match."""

    terms: tuple[tuple[str, ...], ...]
    words: tuple[str, ...]  # the normalised words, for highlighting
    single_char: str = ""  # a one-character query, searched by a substring scan

    @property
    def empty(self) -> bool:
        return not self.terms and not self.single_char


def _term_tokens(word: str) -> tuple[str, ...]:
    """A word's tokens, as the index would have them wherever the word occurs."""
    runs = _TOKEN.findall(word)
    pieces: list[str] = []
    for position, run in enumerate(runs):
        # At either end of the word the text's run may go on ("2026年" in "2026年第三"): the lone
        # character is then inside a bigram of the text, not a token of its own.
        at_edge = position in (0, len(runs) - 1)
        if len(runs) > 1 and at_edge and len(run) == 1 and _CJK_RUN.fullmatch(run):
            continue
        pieces.extend(_run_tokens(run))
    return tuple(pieces)


def parse_query(raw: str) -> Query:
    # Markup pasted into the box is not what anyone looks for: tags count as spaces.
    text = _TAG.sub(" ", normalise(raw or "")[:MAX_QUERY_CHARS])
    words = tuple(word for word in text.split() if _TOKEN.search(word))
    terms = tuple(t for t in (_term_tokens(word) for word in words) if t)
    single = [t for t in terms if len(t) == 1 and len(t[0]) == 1 and _CJK_RUN.fullmatch(t[0])]
    if single and len(terms) == 1:
        return Query(terms=(), words=words, single_char=single[0][0])
    terms = tuple(t for t in terms if t not in single)
    return Query(terms=terms, words=words)


def _fts5_expression(query: Query) -> str:
    # Tokens hold only [a-z0-9] and CJK characters, so quoting them is always safe.
    return " AND ".join('"' + " ".join(term) + '"' for term in query.terms)


def _fts5_match(query: Query) -> tuple[RawSQL, dict[str, RawSQL]]:
    expression = _fts5_expression(query)
    table = SearchEntry._meta.db_table
    matches = f"{table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608 - constant names; values are parameters
    score = (
        f"(SELECT bm25({FTS_TABLE}, 10.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608 - constant names; values are parameters
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.id)"
    )
    condition = RawSQL(matches, [expression], output_field=BooleanField())  # noqa: S611 - constant SQL; values are parameters
    return condition, {
        "title_hit": RawSQL(matches, [f"title : ({expression})"], output_field=BooleanField()),  # noqa: S611 - constant SQL; values are parameters
        "score": RawSQL(score, [expression], output_field=FloatField()),  # noqa: S611 - constant SQL; values are parameters
    }


def _tsquery(query: Query) -> tuple[str, list[str]]:
    sql = " && ".join("phraseto_tsquery('simple', %s)" for _ in query.terms)
    return f"({sql})", [" ".join(term) for term in query.terms]


def _postgres_match(query: Query) -> tuple[RawSQL, dict[str, RawSQL]]:
    tsquery, params = _tsquery(query)
    table = SearchEntry._meta.db_table
    vector = f"{table}.grams_vector"  # stored to_tsvector('simple', grams), see migration 0002
    # The title's grams are its tokens between spaces: a phrase is in the title when its tokens,
    # spaced, are a piece of them. Finding that piece costs a fraction of parsing the title into
    # a tsvector for each row of the ranked window.
    title = f"(' ' || split_part({table}.grams, E'\\n', 1) || ' ')"
    in_title = " AND ".join(f"strpos({title}, %s) > 0" for _ in query.terms)
    spaced = [f" {' '.join(term)} " for term in query.terms]
    condition = RawSQL(f"{vector} @@ {tsquery}", params, output_field=BooleanField())  # noqa: S611 - constant SQL; values are parameters
    return condition, {
        "title_hit": RawSQL(f"({in_title})", spaced, output_field=BooleanField()),  # noqa: S611 - constant SQL; values are parameters
        "score": RawSQL(f"-ts_rank({vector}, {tsquery})", params, output_field=FloatField()),  # noqa: S611 - constant SQL; values are parameters
    }


def _scan_match(query: Query) -> tuple[Q, dict[str, RawSQL]]:
    char = query.single_char  # one CJK character: nothing LIKE would read as a wildcard
    title = f"{SearchEntry._meta.db_table}.title"
    return Q(title__contains=char) | Q(text__contains=char), {
        "title_hit": RawSQL(f"({title} LIKE %s)", [f"%{char}%"], output_field=BooleanField()),  # noqa: S611 - constant SQL; values are parameters
        "score": RawSQL("0.0", [], output_field=FloatField()),  # noqa: S611 - constant SQL
    }


def _filtered(*, public, body_ids, column_ids, kind, year, valid) -> QuerySet:
    qs = SearchEntry.objects.filter(public=public)
    if body_ids is not None:
        qs = qs.filter(body_id__in=list(body_ids))
    if column_ids is not None:
        qs = qs.filter(column_id__in=list(column_ids))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    if valid is not None:
        qs = qs.filter(valid=valid)
    return qs


def _matcher(query: Query) -> tuple[Q | RawSQL, dict[str, RawSQL]]:
    """The condition that selects the matches, and the SQL of what ranks them."""
    if query.single_char:
        return _scan_match(query)
    if _uses_fts5():
        return _fts5_match(query)
    return _postgres_match(query)


@dataclass(frozen=True)
class Hit:
    """One match as a results page shows it: plain values, read with the match (see _shown)."""

    publication_id: int
    body_code: str
    title: str
    date: date | None
    title_html: SafeString
    snippet: SafeString
    public: bool
    column_name: str
    kind: str
    valid: bool  # not repealed
    linked: bool  # the item has a public page
    index_number: str
    status: str = ""

    @property
    def iso_date(self) -> str:
        """The date as 2026-12-03, "" if none: the template's date filter cost a results page
        more than all the rest of its hits (0.6 of 1.3 ms for 20)."""
        return self.date.isoformat() if self.date else ""

    @property
    def status_label(self) -> str:
        return VersionStatus(self.status).label if self.status in VersionStatus.values else self.status


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: list[Hit]
    query: Query
    capped: bool = False  # there are more than `total` matches
    reachable: int = 0  # how many of them the pages can show (relevance order ranks RANK_WINDOW)


NEWEST = ("-published_on", "-id")


def _newest_first(alias: str = "") -> str:
    """NEWEST as SQL, for the columns of the table or derived table `alias`."""
    prefix = f"{alias}." if alias else ""
    return f"{prefix}published_on DESC, {prefix}id DESC"


def search(
    query: str,
    *,
    public: bool = True,
    body_ids=None,
    column_ids=None,
    kind: str | None = None,
    year: int | None = None,
    valid: bool | None = None,
    order: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    count_all: bool = True,
) -> SearchResults:
    """Items matching every word of the query, with the filters.

    `total` counts the matches up to TOTAL_CAP (SCAN_LIMIT for one character). Relevance order
    ranks the newest RANK_WINDOW matches, so that a common word over a million items costs the
    same as a rare one; date order pages through all of them.

    count_all=False (relevance order only) skips that count: the window itself, read one row
    longer, tells whether there are more than RANK_WINDOW ("找到超过 200 条"). The count is a second
    pass over every match, the dearest part of a search narrowed to one body.
    """
    parsed = parse_query(query)
    if parsed.empty:
        return SearchResults(total=0, hits=[], query=parsed)
    condition, ranking = _matcher(parsed)
    body_ids = None if body_ids is None else list(body_ids)

    # Built only where used: a search in one body reads its window in SQL of its own.
    @cache
    def candidates() -> QuerySet:
        return _filtered(
            public=public, body_ids=body_ids, column_ids=column_ids, kind=kind, year=year, valid=valid
        )

    def matches() -> QuerySet:
        return candidates().filter(condition)

    cap = SCAN_LIMIT if parsed.single_char else TOTAL_CAP
    if order == "date":
        in_date_order = matches().order_by(*NEWEST)
        total = in_date_order.values("id")[:cap].count()
        limit = max(0, min(limit, cap - offset))
        page = in_date_order.values("id", "published_on")[offset : offset + limit]
        rows = _shown_rows(page.query.sql_with_params(), order=PAGE_NEWEST)
        hits = [_hit(row, parsed) for row in rows]
        return SearchResults(total=total, hits=hits, query=parsed, capped=total >= cap, reachable=total)

    # A search in one body, or in all with no other filter, can walk an index in date order (the
    # model's indexes on public, body and date); with any other filter the planner chooses alone.
    in_index_order = not parsed.single_char and not _uses_fts5() and (body_ids is None or len(body_ids) == 1)
    in_index_order = in_index_order and column_ids is None and not kind and not year and valid is None
    # The index of (body, words) holds the public entries only (migration 0006).
    in_one_body = in_index_order and public and body_ids is not None

    def newest(size: int) -> tuple[str, list]:
        if in_one_body:
            return _body_window_sql(condition, size, body_ids[0])
        if in_index_order:
            return _newest_window_sql(candidates(), condition, size)
        return _window_sql(matches(), size)

    if not count_all:
        cap = min(cap, RANK_WINDOW)
    limit = max(0, min(limit, min(cap, RANK_WINDOW) - offset))
    # Without the full count the window is read one row longer: it then tells whether there are
    # more than it ranks.
    window = newest(RANK_WINDOW if count_all else cap + 1)
    rows, found = _ranked_page(window, ranking, offset=offset, limit=limit)
    if count_all:
        total = matches().values("id")[:cap].count()
        capped = total >= cap
    else:
        if found is None:  # the page is past the window's end
            found = 0 if offset == 0 and limit > 0 else _window_size(window)
        total, capped = min(found, cap), found > cap
    hits = [_hit(row, parsed) for row in rows]
    return SearchResults(
        total=total, hits=hits, query=parsed, capped=capped, reachable=min(total, RANK_WINDOW)
    )


# How a page of relevance order is sorted: title matches first, then the better score, then the
# newer (an unpublished draft last), in a derived table named page; and of date order, as NEWEST.
PAGE_RELEVANCE = "page.title_hit DESC, page.score, page.published_on DESC NULLS LAST, page.id DESC"
PAGE_NEWEST = _newest_first("page")


def _ranked_page(
    window: tuple[str, list], ranking: dict[str, RawSQL], *, offset: int, limit: int
) -> tuple[list[dict], int | None]:
    """One page of a window of matches (its SQL and parameters) in relevance order, and how many
    rows the window holds (None when the page is past its end), in one statement.

    Relevance ranks the window's newest RANK_WINDOW rows: the window may be read one row longer,
    to tell whether there are more. The rank is computed for the window's rows only, and what a
    hit shows is joined for the page's rows only. The window is a subquery, so that its ids do not
    travel to Python and back; its table keeps its own name there and so shadows the outer one,
    which is what the raw SQL of the match condition expects, and so does the rank's."""
    sql, params = window
    table = SearchEntry._meta.db_table
    title_hit, score = ranking["title_hit"], ranking["score"]
    ranked = (
        f"SELECT {table}.id, {table}.published_on, {title_hit.sql} AS title_hit, {score.sql} AS score, "  # noqa: S608 - constant names; values are parameters
        f"count(*) OVER () AS found, row_number() OVER (ORDER BY {_newest_first(table)}) AS newness "
        f"FROM {table} WHERE {table}.id IN ({sql})"
    )
    page = (
        f"SELECT * FROM ({ranked}) AS page WHERE newness <= %s ORDER BY {PAGE_RELEVANCE} LIMIT %s OFFSET %s"  # noqa: S608 - constant names; values are parameters
    )
    page_params = [*title_hit.params, *score.params, *params, RANK_WINDOW, limit, offset]
    rows = _shown_rows((page, page_params), order=PAGE_RELEVANCE, also=("found", "title_hit"))
    return rows, (rows[0]["found"] if rows else None)


def _window_size(window: tuple[str, list]) -> int:
    sql, params = window
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS window_rows", params)  # noqa: S608 - compiled SQL; values are parameters
        return cursor.fetchone()[0]


def _window_sql(matches: QuerySet, size: int) -> tuple[str, list]:
    """The newest `size` matches, read as the planner chooses."""
    return matches.order_by(*NEWEST).values("id")[:size].query.sql_with_params()


def _recent_window_sql(candidates: QuerySet, condition: RawSQL, size: int, read: int) -> tuple[str, list]:
    """The newest `size` matches among the newest `read` candidates: a walk down the index in date
    order that stops after `read` rows, whatever the planner would estimate. The derived table
    takes the entries' table name, so that the condition's raw SQL finds its columns in it."""
    vector = RawSQL(f"{SearchEntry._meta.db_table}.grams_vector", [])  # noqa: S611 - constant SQL
    recent = candidates.annotate(grams_vector=vector).order_by(*NEWEST)
    recent_sql, recent_params = recent.values("id", "published_on", "grams_vector")[
        :read
    ].query.sql_with_params()
    table = SearchEntry._meta.db_table
    sql = (
        f"SELECT {table}.id FROM ({recent_sql}) AS {table} WHERE {condition.sql} "  # noqa: S608 - compiled by the ORM; values are parameters
        f"ORDER BY {_newest_first(table)} LIMIT %s"
    )
    return sql, [*recent_params, *condition.params, size]


def _newest_window_sql(candidates: QuerySet, condition: RawSQL, size: int) -> tuple[str, list]:
    """The newest `size` matches, in one statement (PostgreSQL), read the cheaper of two ways (for
    the public in one body, see _body_window_sql).

    A word in many items is found soonest by reading the newest items first, down the index in
    date order, and testing each; a rare one by the index of words. The planner tells them apart
    by its estimate of how many items match, which for a phrase of bigrams is far off (1,791
    estimated where 16,080 matched: it then takes the index of words and rechecks the phrase in
    every one, 50 ms where reading the newest takes 3). So the newest READ_FIRST rows are read
    first: when they hold `size` matches, that is the window; otherwise the planner chooses. The
    later branch is kept from running by a condition PostgreSQL tests once. What the first read
    found is the newest of what the planner finds, and IN takes each id once.
    """
    first_sql, first_params = _recent_window_sql(candidates, condition, size, READ_FIRST)
    planned_sql, planned_params = _window_sql(candidates.filter(condition), size)
    sql = (
        f"WITH first_read AS MATERIALIZED ({first_sql}) SELECT id FROM first_read UNION ALL "  # noqa: S608 - compiled by the ORM; values are parameters
        f"SELECT planned.id FROM ({planned_sql}) AS planned WHERE (SELECT count(*) FROM first_read) < %s"
    )
    return sql, [*first_params, *planned_params, size]


def _body_window_sql(condition: RawSQL, size: int, body_id: int) -> tuple[str, list]:
    """The newest `size` public matches in one body, in one statement, read three ways.

    The body's newest BODY_READ_FIRST rows are read first, and how many of them match says how
    common the word is there:
    - `size` or more: the newest `size` of them are the window;
    - fewer than SPARSE: the word is rare, and the body's index of words (migration 0006) finds
      all its matches in the body sooner than reading on (_body_matches_sql);
    - otherwise the walk down the dates goes on from the last row read, until the window is full:
      in all, the rows the window needs are read once (a second walk from the newest read 2,000
      rows twice, a third of the time of a word of middling frequency).
    Each later branch is kept from running by a condition PostgreSQL tests once. The entries'
    dates are those of publication, never empty for the public; rows of one date go by id."""
    table = SearchEntry._meta.db_table
    in_body = f"{table}.public AND {table}.body_id = %s::bigint"
    newest = f"ORDER BY {_newest_first(table)}"
    found = "(SELECT count(*) FROM first_read)"
    last_day = "(SELECT min(published_on) FROM recent)"
    last_id = f"(SELECT min(id) FROM recent WHERE published_on = {last_day})"  # noqa: S608 - constant names
    after_last = f"{table}.published_on <= {last_day} AND ({table}.published_on < {last_day} OR {table}.id < {last_id})"
    sparse_sql, sparse_params = _body_matches_sql(condition, size, body_id)
    sql = (
        f"WITH recent AS MATERIALIZED (SELECT {table}.id, {table}.published_on, {condition.sql} AS matched "  # noqa: S608 - constant names; values are parameters
        f"FROM {table} WHERE {in_body} {newest} LIMIT %s), "
        f"first_read AS MATERIALIZED (SELECT id FROM recent WHERE matched ORDER BY {_newest_first()} LIMIT %s) "
        "SELECT id FROM first_read "
        f"UNION ALL SELECT later.id FROM (SELECT {table}.id FROM {table} WHERE {in_body} AND {after_last} "
        f"AND {condition.sql} {newest} LIMIT (SELECT greatest(%s - count(*), 0) FROM first_read)) AS later "
        f"WHERE {found} >= %s AND {found} < %s "
        f"UNION ALL SELECT sparse.id FROM ({sparse_sql}) AS sparse WHERE {found} < %s"
    )
    params = [*condition.params, body_id, BODY_READ_FIRST, size]
    params += [body_id, *condition.params, size, SPARSE, size]
    return sql, [*params, *sparse_params, SPARSE]


def _body_matches_sql(condition: RawSQL, size: int, body_id: int) -> tuple[str, list]:
    """The newest `size` of all a body's public matches, found by the index of (body, words) of migration
    0006: the matches are gathered first (a CTE the planner cannot fold into a walk in date
    order), then sorted. The body is compared as a bigint, the column's type: the index's
    operator class for it does not compare a bigint with an integer."""
    table = SearchEntry._meta.db_table
    sql = (
        f"WITH body_matches AS MATERIALIZED (SELECT {table}.id, {table}.published_on FROM {table} "  # noqa: S608 - constant names; values are parameters
        f"WHERE {table}.public AND {table}.body_id = %s::bigint AND {condition.sql}) "
        f"SELECT id FROM body_matches ORDER BY {_newest_first()} LIMIT %s"
    )
    return sql, [body_id, *condition.params, size]


# What a hit shows, read as plain values with the page it is on: model objects for the entry,
# its item, body and column cost a search page more than the database does.
SHOWN = {
    "id": "entry.id",
    "publication_id": "entry.publication_id",
    "body_code": "body.code",
    "title": "entry.title",
    "text": "entry.text",
    "date": "entry.published_on",
    "public": "entry.public",
    "status": "entry.status",
    "column_name": "node.name",
    "kind": "entry.kind",
    "valid": "entry.valid",
    "published_version_id": "item.published_version_id",
    "index_number": "item.index_number",
}


def _shown_rows(page: tuple[str, list], *, order: str, also: tuple[str, ...] = ()) -> list[dict]:
    """What the hits show of a page of entries, in `order`: `page` is the SQL (and parameters) of
    a derived table of the page's entry ids and what `order` sorts by. Each row is a dict keyed
    as SHOWN, with the page's own columns `also`."""
    sql, params = page
    tables = {
        "entry": SearchEntry._meta.db_table,
        "body": SearchEntry._meta.get_field("body").related_model._meta.db_table,
        "node": SearchEntry._meta.get_field("column").related_model._meta.db_table,
        "item": Publication._meta.db_table,
    }
    columns = ", ".join([*SHOWN.values(), *(f"page.{name}" for name in also)])
    statement = (
        f"SELECT {columns} FROM ({sql}) AS page "  # noqa: S608 - constant names; values are parameters
        f"JOIN {tables['entry']} AS entry ON entry.id = page.id "
        f"JOIN {tables['body']} AS body ON body.id = entry.body_id "
        f"JOIN {tables['node']} AS node ON node.id = entry.column_id "
        f"JOIN {tables['item']} AS item ON item.id = entry.publication_id ORDER BY {order}"
    )
    names = [*SHOWN, *also]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# ---- highlighting ----


class _CharacterForms(dict):
    """Code point -> that character's normal form, filled as characters are met: str.translate
    asks it for each character, at C speed, where a loop over the text in Python is slow (a
    search page maps sixty texts). A hostile text of many distinct characters cannot grow it past
    MAX_FORMS."""

    MAX_FORMS = 20_000

    def __missing__(self, code: int) -> str:
        form = normalise(chr(code))
        if len(self) < self.MAX_FORMS:
            self[code] = form
        return form


_FORMS = _CharacterForms()


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """The text normalised character by character and, for each of its characters, the index of
    the original character."""
    normal = text.translate(_FORMS)
    # No normal form is empty, so the same length means each character kept its length.
    if len(normal) == len(text):
        return normal, list(range(len(text)))
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FORMS[ord(char)]))
    return normal, origin


def _needles(query: Query) -> list[str]:
    if query.single_char:
        return [query.single_char]
    needles = set(query.words)
    for word in query.words:
        needles.update(_TOKEN.findall(word))
    return sorted(needles, key=len, reverse=True)


def first_match(text: str, query: Query) -> tuple[int, int] | None:
    """(start, end) in the original text of the first occurrence of any query word."""
    normal, origin = _normalised_with_map(text)
    best: tuple[int, int] | None = None
    for needle in _needles(query):
        at = normal.find(needle)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(needle))
    if best is None:
        return None
    start, end = best
    return origin[start], origin[end - 1] + 1


def highlight(text: str, query: Query, *, width: int | None = None) -> SafeString:
    """HTML-escaped text with the first match in <mark>; cut to a window around it when width is given."""
    found = first_match(text, query)
    if found is None:
        shown = text if width is None else text[: width * 2]
        suffix = "…" if width is not None and len(text) > width * 2 else ""
        return mark_safe(escape(shown) + suffix)  # noqa: S308 - escaped just here
    start, end = found
    left = 0 if width is None else max(0, start - width)
    right = len(text) if width is None else min(len(text), end + width)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    html = f"{prefix}{escape(text[left:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:right])}{suffix}"
    return mark_safe(html)  # noqa: S308 - every piece escaped above


def masked_snippet(text: str, query: Query) -> SafeString:
    """The snippet around the first match, with ID and phone numbers (what the case lists never
    show) masked by the gate's own rule. Only the region around the window is scanned: entries
    can hold a long text and its attachments, and a page shows twenty snippets. A query for the
    number itself finds it masked, and the snippet then shows the start of that region."""
    found = first_match(text, query)
    start, end = found if found is not None else (0, 0)
    left = max(0, start - SNIPPET_CHARS - MASK_MARGIN)
    right = min(len(text), end + 2 * SNIPPET_CHARS + MASK_MARGIN)
    html = highlight(mask_personal_numbers(text[left:right]), query, width=SNIPPET_CHARS)
    return mark_safe("…" + html) if left > 0 and not html.startswith("…") else html  # noqa: S308 - html is escaped


def _hit(row: dict, query: Query) -> Hit:
    text = " ".join(row["text"].split())
    return Hit(
        publication_id=row["publication_id"],
        body_code=row["body_code"],
        title=row["title"],
        date=row["date"],
        title_html=highlight(row["title"], query),
        snippet=masked_snippet(text, query),
        public=row["public"],
        column_name=row["column_name"],
        kind=row["kind"],
        valid=row["valid"],
        linked=row["public"] or row["published_version_id"] is not None,
        index_number=row["index_number"],
        status=row["status"],
    )
