"""Thousands of hostile requests against every public URL and form.

For each: never a 5xx; nothing stored from a refused request; no script reflected; no redirect off the
site. Inputs come from hypothesis, derandomized: every run (CI's too) sends the same requests, and a
failure is shrunk to the smallest input that shows it.

"Stored" means what a request could leave behind: a Feedback row, a captcha challenge, a visitor or a
page view in the statistics. A refused request (any 4xx) leaves none of them. A feedback form shown
again with errors leaves exactly one thing: the fresh challenge of the form it shows (at most one new
captcha row, holding digits we chose, nothing the request sent). A hostile request for a page that
exists (search with a SQL payload, the home page with a strange User-Agent) is a page view like any
other and may be counted: that is the statistics doing their job, not something the attacker stored.

The figures (requests sent, statuses, 5xx seen) are printed at the end of the run (conftest.py).
"""

import unicodedata
from urllib.parse import quote, urlsplit

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, ArticleSlugHistory
from feedback.models import Feedback
from feedback.views import thanks_url
from tests.adversarial.conftest import TALLY
from tests.factories import ArticleFactory, CategoryFactory, FeedbackFactory, PageFactory, VideoFactory
from tests.feedback.helpers import captcha_solved

pytestmark = pytest.mark.django_db

# Each of these must never come back as markup: every one carries its own marker.
MARKUP = [
    '<script>alert("cong-xss-1")</script>',
    '"><svg onload=alert("cong-xss-2")>',
    "'><img src=x onerror=alert('cong-xss-3')>",
    '</textarea><script>alert("cong-xss-4")</script>',
    '</title><script>alert("cong-xss-5")</script>',
    "<iframe src=\"javascript:alert('cong-xss-6')\"></iframe>",
]
VIETNAMESE = "Đảng bộ tỉnh Sơn La tổng kết năm"
PAYLOADS = [
    *MARKUP,
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    # Control characters and header tricks.
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f\x9f",
    "line\r\nSet-Cookie: injected=1",
    # SQL.
    "' OR '1'='1",
    "1; DROP TABLE articles_article; --",
    "1 UNION SELECT username, password FROM auth_user--",
    "') OR pg_sleep(0) IS NULL --",
    "\\",
    "%",
    "_%_",
    # Path traversal.
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "/etc/passwd\x00.png",
    "..\\..\\windows\\win.ini",
    # Unicode oddities: right-to-left override, zero-width, stacked combining marks, NFD and NFC.
    "\u202egnp.exe",
    "\u200b\u200c\u200d\u2060\ufeff",
    "e" + "\u0301" * 200,
    "\u0300",
    unicodedata.normalize("NFD", VIETNAMESE),
    unicodedata.normalize("NFC", VIETNAMESE),
    "\U0001d56e\U0001d594\U0001d593\U0001d58c",
    "\U0001f600" * 50,
    "\uffff\ufffe\ufffd",
    # Format strings and template syntax.
    "%s%s%s%n",
    "%(password)s",
    "{0.__class__.__mro__}",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "${jndi:ldap://evil.example/a}",
    # Numbers a page parameter does not expect.
    "9" * 400,
    "-1",
    "0",
    "1e308",
    "NaN",
    "-9223372036854775809",
    "\uff11\uff12",
    "\u0663",
    "0x10",
    "last",
]
# Not UTF-8, overlong UTF-8 (%c0%af is "/", %c0%80 is NUL), or not percent-encoding at all: sent as is.
RAW_ENCODED = [
    "%ff", "%fe%ff", "%c0%af", "%c0%80", "%e0%80%af", "%ed%a0%80", "%f8%88%80%80%80", "%80", "%",
    "%zz", "%u0041", "%25%00", "%00", "%0d%0aSet-Cookie:%20x=1",
]  # fmt: skip
# Raw bytes in a header or a body that are not UTF-8 (as latin-1 text, the way WSGI carries them).
RAW_BYTES = ["\xff\xfe", "\xc0\xaf", "\xed\xa0\x80", "caf\xe9", "\x80\x81\x82"]
PARAMETERS = ["q", "page", "code", "email", "next", "language", "previous", "format", "o", "p", "id"]
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND"]
HUGE = "A" * (1024 * 1024)

hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    st.builds(lambda a, p, b: a + p + b, st.text(max_size=5), st.sampled_from(PAYLOADS), st.text(max_size=5)),
)
# One query-string pair: (name, value, whether the value is sent without percent-encoding).
query_pair = st.tuples(
    st.one_of(st.sampled_from(PARAMETERS), hostile_text),
    st.one_of(hostile_text, st.sampled_from(RAW_ENCODED)),
    st.booleans(),
)


def hostile(max_examples):
    """Hypothesis settings for `max_examples` requests: the same ones on every run, nothing saved."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def wsgi(text):
    """Text as a WSGI server hands it to Django: its UTF-8 bytes, one latin-1 character each."""
    return text.encode("utf-8").decode("latin-1")


def query_string(pairs):
    parts = []
    for name, value, raw in pairs:
        value_part = wsgi(value) if raw else quote(value, safe="")
        parts.append(f"{quote(name, safe='')}={value_part}")
    return "&".join(parts)


@pytest.fixture
def site(db):
    """A small site with one of everything a public URL can show; returns the public paths."""
    category = CategoryFactory(name="Tin trong tỉnh", slug="tin-trong-tinh")
    article = ArticleFactory(title=VIETNAMESE, slug="dang-bo-tong-ket", category=category)
    ArticleFactory(category=category, status=Article.Status.DRAFT, title="Bản nháp bí mật")
    ArticleSlugHistory.objects.create(slug="duong-dan-cu", article=article)
    page = PageFactory(title="Giới thiệu", slug="gioi-thieu")
    VideoFactory()
    FeedbackFactory(is_published=True, allow_publish=True, answer="Trả lời công khai.")
    key = CaptchaStore.generate_key()
    return {
        "home": "/",
        "category": f"/chuyen-muc/{category.slug}/",
        "article": article.get_absolute_url(),
        "old_slug": "/bai-viet/duong-dan-cu/",
        "page": page.get_absolute_url(),
        "search": "/tim-kiem/",
        "feed": "/rss/",
        "category_feed": f"/chuyen-muc/{category.slug}/rss/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "favicon": "/favicon.ico",
        "videos": "/video/",
        "feedback": "/gop-y/",
        "thanks": thanks_url("TEST0001"),
        "lookup": "/gop-y/tra-cuu/",
        "answers": "/hoi-dap/",
        "captcha_image": f"/gop-y/ma-kiem-tra/{key}.png",
        "captcha_audio": f"/gop-y/ma-kiem-tra/{key}.wav",
        "captcha_refresh": "/gop-y/ma-kiem-tra/moi/",
        "set_language": "/i18n/setlang/",
        "not_found": "/khong-co-trang-nay/",
    }


def sampled(site):
    """The URLs random inputs are drawn for. Not the captcha audio: espeak-ng takes 0.1 s a reading and
    the view reads nothing but its path, which test_hostile_path_segments and the huge values cover."""
    return sorted(name for name in site if name != "captcha_audio")


def stored():
    """What a request could leave behind, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM feedback_feedback), (SELECT count(*) FROM captcha_captchastore),"
            " (SELECT coalesce(sum(visits + page_views), 0) FROM stats_dailystats),"
            " (SELECT count(*) FROM stats_recentvisitor)"
        )
        return cursor.fetchone()


def send(client, method, path, *, query="", body=None, content_type=None, sent=(), **environ):
    """One request through the whole middleware stack, checked; `sent` lists the hostile values in it."""
    before = stored()
    extra = {"QUERY_STRING": query} if query else {}
    if content_type:
        extra["CONTENT_TYPE"] = content_type
    response = client.generic(method, path, body or b"", **extra, **environ)
    TALLY[response.status_code] += 1
    described = f"{method} {path!r} query={query[:300]!r} body={(body or b'')[:300]!r} environ={environ!r}"
    assert response.status_code < 500, described
    after = stored()
    if response.status_code >= 400:
        assert after == before, f"a refused request stored something: {described}"
    elif method == "POST" and after[0] == before[0]:
        # A form shown again: nothing stored but the new challenge it shows.
        assert after[1] <= before[1] + 1 and after[2:] == before[2:], described
    not_reflected(response, sent, described)
    return response


def not_reflected(response, sent, described):
    location = response.get("Location", "")
    if location:
        parts = urlsplit(location)
        assert parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver"), described
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return
    body = response.content.decode("utf-8", "replace")
    for value in sent:
        for markup in MARKUP:
            assert markup not in value or markup not in body, f"reflected {markup!r}: {described}"
    lowered = body.lower()
    for attribute in ('href="javascript:', "href='javascript:", 'src="javascript:', 'action="javascript:'):
        assert attribute not in lowered, described


def hostile_client():
    return Client(raise_request_exception=False)


@hostile(1200)
@given(data=st.data())
def test_hostile_query_strings_on_every_public_url(site, data):
    name = data.draw(st.sampled_from(sampled(site)))
    method = data.draw(st.sampled_from(METHODS))
    pairs = data.draw(st.lists(query_pair, min_size=1, max_size=3))
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if name == "captcha_refresh" else {}
    sent = [value for _name, value, _raw in pairs] + [name for name, _value, _raw in pairs]
    send(hostile_client(), method, site[name], query=query_string(pairs), sent=sent, **headers)


PATH_TEMPLATES = [
    "/chuyen-muc/{}/",
    "/chuyen-muc/{}/rss/",
    "/bai-viet/{}/",
    "/trang/{}/",
    "/gop-y/da-gui/{}/",
    "/gop-y/ma-kiem-tra/{}.png",
    "/gop-y/ma-kiem-tra/{}.wav",
    "/{}",
    "/static/{}",
    "/media/{}",
    "/admin/{}",
]


@hostile(700)
@given(
    template=st.sampled_from(PATH_TEMPLATES),
    segment=st.one_of(hostile_text, st.sampled_from(RAW_ENCODED)),
    encode=st.booleans(),
)
def test_hostile_path_segments(site, template, segment, encode):
    # Percent-encoded, or as raw characters (the test client encodes those as UTF-8 itself).
    path = template.format(quote(segment, safe="") if encode else segment.replace("?", "").replace("#", ""))
    send(hostile_client(), "GET", path, sent=[segment])


HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_X_REQUESTED_WITH",
    "HTTP_X_FORWARDED_PROTO",
]
COOKIES = ["sessionid", "csrftoken", "django_language", "messages"]


@hostile(700)
@given(data=st.data())
def test_hostile_headers_and_cookies(site, data):
    name = data.draw(st.sampled_from(sampled(site)))
    value = st.one_of(hostile_text.map(wsgi), st.sampled_from(RAW_BYTES))
    environ = data.draw(st.dictionaries(st.sampled_from(HEADERS), value, min_size=1, max_size=3))
    cookies = data.draw(st.dictionaries(st.sampled_from(COOKIES), value, max_size=3))
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{key}={cookie}" for key, cookie in cookies.items())
    method = data.draw(st.sampled_from(["GET", "POST", "HEAD"]))
    send(hostile_client(), method, site[name], sent=[*environ.values()], **environ)


@hostile(250)
@given(name=st.sampled_from(["home", "article", "feedback", "search", "feed"]), host=hostile_text.map(wsgi))
def test_a_hostile_host_header_is_a_400(site, name, host):
    response = send(hostile_client(), "GET", site[name], HTTP_HOST=host or ":", sent=[host])
    assert response.status_code == 400


def feedback_field():
    return st.one_of(st.just(None), hostile_text, st.sampled_from(RAW_ENCODED))


@hostile(250)
@given(
    fields=st.fixed_dictionaries(
        {
            name: feedback_field()
            for name in ("name", "email", "phone", "subject", "message", "website", "consent", "captcha_1")
        }
    ),
    solve=st.booleans(),
    refresh=st.integers(0, 9),
    encoding=st.sampled_from(["multipart", "urlencoded", "raw"]),
)
def test_hostile_feedback_submissions(site, fields, solve, refresh, encoding):
    client = hostile_client()
    page = client.get(site["feedback"])
    data = {
        "name": "Lò Văn Khánh",
        "email": "lovankhanh@example.com",
        "subject": "Hỏi về thủ tục",
        "message": "Xin hỏi thủ tục cấp đổi giấy phép.",
        "consent": "on",
        **(captcha_solved(page.content) if solve else {"captcha_0": "0" * 40}),
    }
    data.update({key: value for key, value in fields.items() if value is not None})
    if refresh == 0:
        data["refresh_captcha"] = "1"
    sent = [value for value in fields.values() if value]
    if encoding == "multipart":
        send_form(client, site["feedback"], data, sent)
    else:
        send_encoded(client, site["feedback"], data, sent, raw=encoding == "raw")


def send_form(client, path, data, sent):
    """A multipart form the way a browser sends it (the test client's own encoding)."""
    before = stored()
    response = client.post(path, data)
    TALLY[response.status_code] += 1
    described = f"POST {path} multipart {data!r}"
    assert response.status_code < 500, described
    after = stored()
    if response.status_code != 303:
        assert after[0] == before[0] and after[1] <= before[1] + 1 and after[2:] == before[2:], described
    not_reflected(response, sent, described)
    return response


def send_encoded(client, path, data, sent, *, raw):
    """An urlencoded body; `raw` puts the values in as they are, invalid UTF-8 and all."""
    body = "&".join(
        f"{quote(key)}={wsgi(value) if raw else quote(value, safe='')}" for key, value in data.items()
    ).encode("latin-1")
    response = send(
        client, "POST", path, body=body, content_type="application/x-www-form-urlencoded", sent=sent
    )
    return response


@hostile(400)
@given(
    form=st.sampled_from(["lookup", "search", "set_language", "answers"]),
    fields=st.dictionaries(
        st.sampled_from(["code", "email", "q", "language", "next", "page", "csrfmiddlewaretoken"]),
        st.one_of(hostile_text, st.sampled_from(RAW_ENCODED)),
        min_size=1,
        max_size=4,
    ),
    raw=st.booleans(),
)
def test_hostile_lookup_search_and_language_forms(site, form, fields, raw):
    client = hostile_client()
    if form in ("search", "answers"):
        pairs = [(key, value, raw) for key, value in fields.items()]
        send(client, "GET", site[form], query=query_string(pairs), sent=[*fields.values()])
    else:
        send_encoded(client, site[form], fields, [*fields.values()], raw=raw)


CONTENT_TYPES = [
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=" + "x" * 5000,
    'multipart/form-data; boundary="\x00"',
    "application/x-www-form-urlencoded; charset=klingon",
    "application/x-www-form-urlencoded; charset=utf-7",
    "application/json",
    "text/html; charset=\xff",
    "\x00",
]


@hostile(150)
@given(
    name=st.sampled_from(["feedback", "lookup", "set_language", "search", "home"]),
    content_type=st.sampled_from(CONTENT_TYPES),
    body=st.one_of(st.binary(max_size=200), st.sampled_from([b"--\r\n\r\n", b"a=%ff&b=\xff\xfe", b"{}"])),
)
def test_hostile_content_types_and_bodies(site, name, content_type, body):
    send(hostile_client(), "POST", site[name], body=body, content_type=content_type)


def test_a_refused_feedback_submission_stores_nothing_but_the_new_challenge(site):
    """The storing rule the suite relies on, shown once plainly: a payload-filled refused form."""
    client = hostile_client()
    page = client.get(site["feedback"])
    feedback, challenges = Feedback.objects.count(), CaptchaStore.objects.count()
    data = {
        "name": MARKUP[0],
        "email": "not an email",
        "subject": "\x00",
        "message": MARKUP[1],
        "consent": "on",
    }
    response = send_form(
        client, site["feedback"], {**data, **captcha_solved(page.content)}, list(data.values())
    )
    assert response.status_code == 200
    assert Feedback.objects.count() == feedback
    # The solved challenge was consumed, the form shown again has a new one.
    assert CaptchaStore.objects.count() == challenges
    assert "&lt;script&gt;" in response.content.decode()


def test_huge_values_everywhere(site):
    """1 MB in the query string, each header, the cookies and each form field of every public URL."""
    client = hostile_client()
    for path in site.values():
        for environ in (
            {"QUERY_STRING": f"q={HUGE}&page={HUGE}"},
            dict.fromkeys(("HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR"), HUGE),
            {"HTTP_ACCEPT_LANGUAGE": HUGE, "HTTP_COOKIE": f"sessionid={HUGE}; csrftoken={HUGE}"},
            {"HTTP_COOKIE": f"django_language={HUGE}; messages={HUGE}"},
        ):
            send(client, "GET", path, **environ)
    for name in ("feedback", "lookup", "set_language"):
        fields = {"name": HUGE, "email": HUGE, "message": HUGE, "code": HUGE, "language": HUGE, "next": HUGE}
        send_encoded(client, site[name], fields, [], raw=False)


def test_a_session_cookie_holding_a_nul_is_ignored(site):
    """Found by this suite: the session was read from PostgreSQL with the NUL in its key, a 500."""
    cookie = "sessionid=/etc/passwd\x00.png"
    response = send(hostile_client(), "GET", site["article"], HTTP_COOKIE=cookie, sent=[])
    assert response.status_code == 200
