"""Counting in Redis, flushed to PostgreSQL in batches: the same definitions, no SQL per page view.

On when STATS_REDIS_URL is set (stats.counting chooses). Each page view is one Lua script (one
round trip, atomic on the Redis server), which decides exactly what
stats.backends.postgres.visit_record() decides on locked rows:

- `v:<visitor key>`: when the visitor was last seen; a visit starts when it is missing or older
  than the 30-minute window. It expires a little after the window.
- `online`: a sorted set of visitor keys by last seen, trimmed to the last 5 minutes.
- `a:<article>:<visitor key>`: when the visitor's view of the article last counted (10 minutes).
- `pending`: one hash of counters not yet in PostgreSQL: `v:<date>` visits, `p:<date>` page views,
  `a:<article>:<date>` article views, and `_batch`, the id the hash will be flushed under.

Times are the application's `now` (as in PostgreSQL mode), stored in milliseconds and compared by
the script; expiries only bound memory and never end a key before its window. Needs Redis 6.2 or
later (ZADD GT); with Redis Cluster, put the prefix in braces (`{cong:stats}:`) so every key is in
one slot.

A page view is counted in Redis or, when Redis cannot be reached, in PostgreSQL (stats.counting) —
never both. So the script is sent only on a connection that is already open (`run_once()`: a failure
to connect is `Unreachable`, and nothing was sent), and never sent twice: redis-py retries a command
after a timeout by default (three times in redis-py 6), and a script that ran but answered late
would run again. A page view whose answer is lost is counted once or not at all, never twice.

`manage.py stats_flush` (flush() here) renames `pending` to `batch:<id>` atomically, applies it in one
PostgreSQL transaction that also records the id (stats.FlushedBatch, unique), then deletes the
batch key. A run that crashed leaves its batch key behind; the next run applies it unless its id is
recorded, so every count reaches PostgreSQL exactly once.
"""

import functools
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from redis.backoff import NoBackoff
from redis.retry import Retry

from articles.models import Article
from documents.models import Attachment
from stats.definitions import (
    ARTICLE_VIEW_WINDOW,
    ONLINE_WINDOW,
    VISIT_WINDOW,
    Figures,
    Recorded,
    local_date,
    week_start,
)
from stats.models import (
    ArticleDailyViews,
    CountedKind,
    DailyStats,
    FlushedBatch,
    ObjectDailyCount,
    StatsTotals,
)

# Redis answers in well under a millisecond on a healthy network; past these the page view falls
# back to PostgreSQL instead of holding the reader.
CONNECT_TIMEOUT = 0.25  # seconds
SOCKET_TIMEOUT = 0.5
# The visitor's key outlives the visit window, so that a missing key always means "not seen for
# longer than the window".
VISITOR_TTL = VISIT_WINDOW + ONLINE_WINDOW


def milliseconds(delta):
    """A duration as Redis takes it (PX, and the scores and stamps the scripts compare)."""
    return int(delta.total_seconds() * 1000)


# One page view, or (ARGV[10] = '0') one download, which is no page view. ARGV[8] names what was viewed,
# if anything: 'a:<article>', 'd:<document>' or 'f:<attached file>' (stats.definitions), counted once
# per visitor per 10 minutes; KEYS[4] is its key for this visitor.
_PAGE_VIEW = """
local now = tonumber(ARGV[1])
local new_visit = 0
redis.call('HSETNX', KEYS[3], '_batch', ARGV[7])
if ARGV[10] == '1' then
    local last = tonumber(redis.call('GET', KEYS[1]))
    if not last or last < now - tonumber(ARGV[2]) then new_visit = 1 end
    if not last or now > last then
        redis.call('SET', KEYS[1], now, 'PX', ARGV[3])
    else
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
    end
    redis.call('ZADD', KEYS[2], 'GT', now, ARGV[5])
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - tonumber(ARGV[4])))
    redis.call('HINCRBY', KEYS[3], 'p:' .. ARGV[6], 1)
    if new_visit == 1 then redis.call('HINCRBY', KEYS[3], 'v:' .. ARGV[6], 1) end
end
local viewed = 0
if ARGV[8] ~= '' then
    local counted = tonumber(redis.call('GET', KEYS[4]))
    if not counted or counted <= now - tonumber(ARGV[9]) then
        redis.call('SET', KEYS[4], now, 'PX', ARGV[9])
        redis.call('HINCRBY', KEYS[3], ARGV[8] .. ':' .. ARGV[6], 1)
        viewed = 1
    end
end
return {new_visit, viewed}
"""

# The pending hash becomes a batch under the id it carries; the set lists the batches in flight.
_BATCH_START = """
local id = redis.call('HGET', KEYS[1], '_batch')
if not id then return false end
redis.call('RENAME', KEYS[1], ARGV[1] .. id)
redis.call('SADD', KEYS[2], id)
return id
"""

# Everything the figures need from Redis at one instant: the online count, and the counters not
# yet flushed, as {id, field, value, ...} lists (the pending hash and each batch in flight).
_FIGURES = """
local result = {redis.call('ZCOUNT', KEYS[1], ARGV[1], '+inf'), redis.call('HGETALL', KEYS[2])}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    table.insert(result, redis.call('HGETALL', ARGV[2] .. id))
end
return result
"""


class Unreachable(redis.ConnectionError):
    """No connection to Redis could be made: nothing was sent, so counting elsewhere is safe."""


@functools.cache
def client(url):
    """One client (and connection pool) per process; redis-py opens new connections after a fork.

    No command is ever retried (connecting included): see the module's docstring.
    """
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=SOCKET_TIMEOUT,
        decode_responses=True,
        retry=Retry(NoBackoff(), retries=0),
    )


@contextmanager
def connection_ready(url):
    """One pooled connection, connected and ready to send, returned to the pool afterwards.

    Raises Unreachable when no connection can be made (refused, timed out, authentication failed):
    redis-py's pool connects, and checks a reused connection, before it hands one out. A failure
    after that closes the connection: an answer arriving late must never be read as the answer to
    the next command sent on it.
    """
    pool = client(url).connection_pool
    try:
        connection = pool.get_connection()
    except redis.RedisError as error:
        raise Unreachable(str(error)) from error
    try:
        yield connection
    except redis.ResponseError:
        raise  # Redis answered in full (an error): the connection is in order
    except BaseException:
        connection.disconnect()
        raise
    finally:
        pool.release(connection)


def run_once(url, source, keys, args):
    """Run a script with one EVALSHA on a connection already open, never sent again after a failure.

    What redis-py's Script does, minus its retry and its own choice of connection. Raises Unreachable
    when nothing was sent, another redis.RedisError when the script was sent and may have run.
    """
    registered, redis_client = script(url, source), client(url)
    with connection_ready(url) as connection:
        try:
            connection.send_command("EVALSHA", registered.sha, len(keys), *keys, *args)
            return redis_client.parse_response(connection, "EVALSHA")
        except redis.exceptions.NoScriptError:
            # Refused before running (a restarted Redis has lost its scripts): load it, send it once.
            connection.send_command("SCRIPT", "LOAD", registered.script)
            registered.sha = redis_client.parse_response(connection, "SCRIPT LOAD")
            connection.send_command("EVALSHA", registered.sha, len(keys), *keys, *args)
            return redis_client.parse_response(connection, "EVALSHA")


@functools.cache
def script(url, source):
    """The script registered on the client: EVALSHA, loading it once when the server lacks it."""
    return client(url).register_script(source)


def run(source, keys, args):
    return script(settings.STATS_REDIS_URL, source)(keys=keys, args=args)


def key(name):
    return f"{settings.STATS_REDIS_PREFIX}{name}"


# What the script's ARGV[8] names a viewed thing by (and its hash fields start with).
VIEWED_TOKENS = {CountedKind.DOCUMENT: "d", CountedKind.DOWNLOAD: "f"}
TOKEN_KINDS = {token: kind for kind, token in VIEWED_TOKENS.items()}


def visit_record(*, visitor_key, now=None, article_id=None, viewed=None, page_view=True):
    """stats.backends.postgres.visit_record(), in Redis: one round trip, no SQL.

    Raises Unreachable when nothing was sent, another redis.RedisError when the script was sent and
    may have run (its answer was late, or the connection broke).
    """
    keys, args = _page_view_arguments(
        visitor_key=visitor_key, now=now, article_id=article_id, viewed=viewed, page_view=page_view
    )
    new_visit, counted = run_once(settings.STATS_REDIS_URL, _PAGE_VIEW, keys, args)
    return Recorded(
        new_visit=bool(new_visit),
        article_view=bool(counted) and article_id is not None,
        object_view=bool(counted) and viewed is not None,
    )


def visit_records(page_views):
    """visit_record() for many page views (dicts of its arguments), in order, in one round trip: the
    script loaded, then run once per page view, all in one write on a connection already open (the
    pages nginx answered from its cache, stats.edge). Raises as visit_record() does; after a failure
    past the sending, any of them may have been counted."""
    url = settings.STATS_REDIS_URL
    registered = script(url, _PAGE_VIEW)
    commands = [("SCRIPT", "LOAD", registered.script)]
    for counted in page_views:
        keys, args = _page_view_arguments(**counted)
        commands.append(("EVALSHA", registered.sha, len(keys), *keys, *args))
    with connection_ready(url) as connection:
        connection.send_packed_command(connection.pack_commands(commands))
        try:
            for _ in commands:
                connection.read_response()
        except redis.ResponseError as error:
            # Other answers are still unread: not a ResponseError, so connection_ready drops the connection.
            raise redis.RedisError(str(error)) from error


def _page_view_arguments(*, visitor_key, now=None, article_id=None, viewed=None, page_view=True):
    """The page view script's KEYS and ARGV."""
    now = now or timezone.now()
    token = ""
    if article_id is not None:
        token = f"a:{article_id}"
    elif viewed is not None:
        token = f"{VIEWED_TOKENS[viewed[0]]}:{viewed[1]}"
    keys = [key(f"v:{visitor_key}"), key("online"), key("pending")]
    if token:
        keys.append(key(f"{token}:{visitor_key}"))
    args = [
        int(now.timestamp() * 1000),
        milliseconds(VISIT_WINDOW),
        milliseconds(VISITOR_TTL),
        milliseconds(ONLINE_WINDOW),
        visitor_key,
        local_date(now).isoformat(),
        uuid.uuid4().hex,
        token,
        milliseconds(ARTICLE_VIEW_WINDOW),
        "1" if page_view else "0",
    ]
    return keys, args


@dataclass
class Counters:
    """What one hash of counters holds, by day, by (article, day) and by (kind, object, day)."""

    visits: dict = field(default_factory=lambda: defaultdict(int))
    page_views: dict = field(default_factory=lambda: defaultdict(int))
    article_views: dict = field(default_factory=lambda: defaultdict(int))
    object_views: dict = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def parse(cls, fields):
        counters = cls()
        for name, value in fields.items():
            kind, _, rest = name.partition(":")
            if kind == "v":
                counters.visits[date.fromisoformat(rest)] += int(value)
            elif kind == "p":
                counters.page_views[date.fromisoformat(rest)] += int(value)
            elif kind == "a":
                article, _, day = rest.partition(":")
                counters.article_views[int(article), date.fromisoformat(day)] += int(value)
            elif kind in TOKEN_KINDS:
                viewed, _, day = rest.partition(":")
                counters.object_views[TOKEN_KINDS[kind], int(viewed), date.fromisoformat(day)] += int(value)
        return counters


def pairs(flat):
    """HGETALL's answer inside a script, [field, value, field, value, ...], as a dict."""
    return dict(zip(flat[::2], flat[1::2], strict=True))


_TOTALS = StatsTotals._meta.db_table
_DAYS = DailyStats._meta.db_table
_FLUSHED = FlushedBatch._meta.db_table
_ARTICLE_DAYS = ArticleDailyViews._meta.db_table
_ARTICLES = Article._meta.db_table

# One statement, so one snapshot: the day rows, the totals and which of the batches still in Redis
# are already in them agree with each other.
_FIGURES_SQL = f"""
    SELECT d.today, d.week, t.total, ARRAY(SELECT batch_id FROM {_FLUSHED} WHERE batch_id = ANY(%(ids)s))
    FROM (SELECT COALESCE(SUM(visits) FILTER (WHERE date = %(today)s), 0) AS today,
                 COALESCE(SUM(visits), 0) AS week
          FROM {_DAYS} WHERE date >= %(monday)s AND date <= %(today)s) AS d
    LEFT JOIN (SELECT starting_total + visits_since AS total FROM {_TOTALS} WHERE id = 1) AS t ON TRUE
"""  # noqa: S608 - table names come from the models, values are parameters


def figures_read(now):
    """The four figures: PostgreSQL plus the counts still waiting in Redis, in one round trip to Redis
    and one statement whatever the history. Raises redis.RedisError.

    A batch already recorded in the statement's snapshot is in its counters and is left out; a
    batch (or the pending hash) not recorded is added. Redis is read first, so a count is in one or
    the other: a flush that runs in between only moves it into PostgreSQL.
    """
    today = local_date(now)
    monday = week_start(today)
    online, *hashes = run(
        _FIGURES,
        [key("online"), key("pending"), key("batches")],
        [int((now - ONLINE_WINDOW).timestamp() * 1000), key("batch:")],
    )
    waiting = {fields["_batch"]: Counters.parse(fields) for fields in map(pairs, hashes) if fields}
    with connection.cursor() as cursor:
        cursor.execute(_FIGURES_SQL, {"ids": list(waiting), "today": today, "monday": monday})
        day, week, total, flushed = cursor.fetchone()
    for batch_id, counters in waiting.items():
        if batch_id in flushed:
            continue
        day += counters.visits.get(today, 0)
        week += sum(visits for when, visits in counters.visits.items() if monday <= when <= today)
        total = (total or 0) + sum(counters.visits.values())
    return Figures(online=online, today=day, this_week=week, all_time=total or 0)


_RECORD_BATCH = f"""
    INSERT INTO {_FLUSHED} (batch_id, flushed_at) VALUES (%(id)s, %(now)s)
    ON CONFLICT (batch_id) DO NOTHING RETURNING 1
"""  # noqa: S608

# Bulk upserts, one statement each whatever the number of days and articles. The day rows come first,
# in date order, as in PostgreSQL mode: two writers queue on today's row instead of locking in a
# cycle (and were PostgreSQL ever to find a deadlock, the batch would just wait for the next run).
_DAYS_UPSERT = f"""
    INSERT INTO {_DAYS} AS d (date, visits, page_views)
    SELECT * FROM unnest(%(dates)s::date[], %(visits)s::bigint[], %(page_views)s::bigint[])
    ON CONFLICT (date) DO UPDATE SET
        visits = d.visits + EXCLUDED.visits, page_views = d.page_views + EXCLUDED.page_views
"""  # noqa: S608

_TOTAL_UPSERT = f"""
    INSERT INTO {_TOTALS} AS t (id, starting_total, visits_since) VALUES (1, 0, %(visits)s)
    ON CONFLICT (id) DO UPDATE SET visits_since = t.visits_since + EXCLUDED.visits_since
"""  # noqa: S608

# An article deleted since its views were counted takes its views with it, as in PostgreSQL mode.
_ARTICLE_DAYS_UPSERT = f"""
    INSERT INTO {_ARTICLE_DAYS} AS a (article_id, date, views)
    SELECT v.article, v.date, v.views
    FROM unnest(%(articles)s::bigint[], %(dates)s::date[], %(views)s::bigint[]) AS v(article, date, views)
    WHERE EXISTS (SELECT 1 FROM {_ARTICLES} WHERE id = v.article)
    ON CONFLICT (article_id, date) DO UPDATE SET views = a.views + EXCLUDED.views
"""  # noqa: S608

_VIEW_COUNTS_UPDATE = f"""
    UPDATE {_ARTICLES} AS a SET view_count = a.view_count + v.views
    FROM (SELECT article, SUM(views) AS views
          FROM unnest(%(articles)s::bigint[], %(views)s::bigint[]) AS v(article, views)
          GROUP BY article) AS v
    WHERE a.id = v.article
"""  # noqa: S608

_OBJECT_DAYS_UPSERT = f"""
    INSERT INTO {ObjectDailyCount._meta.db_table} AS o (kind, object_id, date, count)
    SELECT * FROM unnest(%(kinds)s::varchar[], %(objects)s::bigint[], %(dates)s::date[], %(counts)s::bigint[])
    ON CONFLICT (kind, object_id, date) DO UPDATE SET count = o.count + EXCLUDED.count
"""  # noqa: S608

_DOWNLOAD_COUNTS_UPDATE = f"""
    UPDATE {Attachment._meta.db_table} AS a SET download_count = a.download_count + d.count
    FROM (SELECT object, SUM(count) AS count
          FROM unnest(%(objects)s::bigint[], %(counts)s::bigint[]) AS d(object, count)
          GROUP BY object) AS d
    WHERE a.id = d.object
"""  # noqa: S608

# A batch id is needed only until its key is gone from Redis, which the next run (seconds later)
# makes sure of; a week is far beyond that and keeps the table small.
FLUSHED_BATCH_KEPT = timedelta(days=7)


def batch_start():
    """Turn the pending counters into a batch (atomically: a page view lands before or after), or None."""
    return run(_BATCH_START, [key("pending"), key("batches")], [key("batch:")])


def batches_in_flight():
    return sorted(client(settings.STATS_REDIS_URL).smembers(key("batches")))


def batch_store(batch_id):
    """Add the batch to PostgreSQL unless it is there already: one transaction records its id and
    applies every counter. Returns the Counters applied, or None when the batch was already stored
    (or gone)."""
    fields = client(settings.STATS_REDIS_URL).hgetall(key(f"batch:{batch_id}"))
    if not fields:
        return None
    counters = Counters.parse(fields)
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        # A concurrent run storing the same batch waits here on the unique id until the first
        # commits (then finds it recorded) or rolls back (then stores it).
        cursor.execute(_RECORD_BATCH, {"id": batch_id, "now": now})
        if cursor.fetchone() is None:
            return None
        days = sorted(counters.visits.keys() | counters.page_views.keys())
        if days:
            cursor.execute(
                _DAYS_UPSERT,
                {
                    "dates": days,
                    "visits": [counters.visits.get(day, 0) for day in days],
                    "page_views": [counters.page_views.get(day, 0) for day in days],
                },
            )
        if visits := sum(counters.visits.values()):
            cursor.execute(_TOTAL_UPSERT, {"visits": visits})
        if views := sorted(counters.article_views.items()):
            rows = {
                "articles": [article for (article, _), _ in views],
                "dates": [day for (_, day), _ in views],
                "views": [count for _, count in views],
            }
            cursor.execute(_ARTICLE_DAYS_UPSERT, rows)
            cursor.execute(_VIEW_COUNTS_UPDATE, rows)
        if objects := sorted(counters.object_views.items()):
            rows = {
                "kinds": [kind for (kind, _, _), _ in objects],
                "objects": [viewed for (_, viewed, _), _ in objects],
                "dates": [day for (_, _, day), _ in objects],
                "counts": [count for _, count in objects],
            }
            cursor.execute(_OBJECT_DAYS_UPSERT, rows)
            downloads = [
                (viewed, count) for (kind, viewed, _), count in objects if kind == CountedKind.DOWNLOAD
            ]
            if downloads:
                cursor.execute(
                    _DOWNLOAD_COUNTS_UPDATE,
                    {
                        "objects": [viewed for viewed, _ in downloads],
                        "counts": [count for _, count in downloads],
                    },
                )
        FlushedBatch.objects.filter(flushed_at__lt=now - FLUSHED_BATCH_KEPT).delete()
    return counters


def batch_forget(batch_id):
    """The batch is in PostgreSQL: remove it from Redis (key and set together)."""
    with client(settings.STATS_REDIS_URL).pipeline(transaction=True) as pipe:
        pipe.delete(key(f"batch:{batch_id}")).srem(key("batches"), batch_id).execute()


def flush():
    """Move every count waiting in Redis to PostgreSQL, exactly once. Returns the Counters stored.

    Batches left by a crashed (or a concurrent) run come first, then the pending counters.
    """
    stored = []
    for batch_id in [*batches_in_flight(), batch_start()]:
        if batch_id is None:
            continue
        if (counters := batch_store(batch_id)) is not None:
            stored.append(counters)
        batch_forget(batch_id)
    return stored
