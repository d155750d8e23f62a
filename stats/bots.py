"""Whether a User-Agent is a person's browser: the one decision the statistics make about who reads.

The crawlers are crawlerdetect's list (the Python port of JayBizzle/Crawler-Detect: about 1,400 patterns
its maintainers keep up to date), decided exactly as `crawlerdetect.CrawlerDetect().is_crawler()` decides,
except for this project's additions and exceptions (`addition`, LEFT_OUT), each with its reason. Only
the first USER_AGENT_LENGTH characters are read, as for the visitor key: the library reads a 100 KB
header whole, for minutes.

The library's check costs about 1.4 ms for a User-Agent it has not seen (one regex of 1,400
alternatives); a page view cannot pay that. The same decision, taken faster:

1. the library's exclusions (tokens every browser sends: "Mozilla/5.0", "AppleWebKit/537.36", ...) are
   removed as the library removes them, by its alternatives in its order, from the lowered User-Agent;
2. what is left is searched for the library's patterns through an index of three letters: a pattern
   that is plain text (nine in ten) decides when found; any other is indexed by text that each of its
   matches contains, and its regex runs only when that text is there;
3. each decision is kept per User-Agent (an LRU cache), so a reader's next pages cost nothing.

Lowering is exact for ASCII, where str.lower() and re.IGNORECASE agree letter for letter. A User-Agent
with other characters (rare: WSGI gives headers as Latin-1) is decided the library's way, with one
regex, slowly, then cached. tests/stats/test_bots.py proves both ways equal to the library.
"""

import functools
import re

# The parser that re compiles with: read once, to find the text each pattern's matches contain.
from re import _parser as sre_parser

from crawlerdetect.crawlerdetect import get_compiled_exclusions_regex
from crawlerdetect.providers.crawlers import data as CRAWLER_PATTERNS
from crawlerdetect.providers.exclusions import data as EXCLUSION_PATTERNS

from stats.definitions import USER_AGENT_LENGTH

# The library's patterns this project leaves out, each with its reason: they match people.
LEFT_OUT = {
    "OPPO A33": (
        "a phone model (OPPO A33, A33m: 'Android 5.1.1; OPPO A33m'), of one of the brands most sold in "
        "Viet Nam; the library lists it for one scraper posing as that phone, caught by `addition`"
    ),
}


def addition(agent):
    """Why the lowered User-Agent `agent` is no person although the library lets it through, or None."""
    if not agent.strip():
        return "no User-Agent: every browser sends one, scripts often none"
    if "zalopc" in agent:
        return "Zalo PC opens links in the reader's own browser: a request naming it is the app's preview"
    if "zalo" in agent and "applewebkit" not in agent:
        # Zalo's in-app browser adds "Zalo android/…" or "Zalo iOS/…" to its WebView's User-Agent, which
        # names the engine. Zalo publishes no User-Agent for its link preview.
        return "Zalo without a browser engine: Zalo's link preview or the app's own requests"
    if agent.startswith("java-http-client/"):
        return "the JDK's HttpClient; the library knows only HttpURLConnection's 'Java/'"
    if agent == "node":
        return "the fetch() built into Node.js (undici's default there)"
    if "(khtml,link gecko)" in agent:
        return "the scraper the library finds by 'OPPO A33' (LEFT_OUT): no browser writes 'link Gecko'"
    return None


def is_bot(user_agent):
    """Whether a request with this User-Agent is no person's: a crawler, a preview, a monitor, a tool."""
    return _decided(user_agent[:USER_AGENT_LENGTH])


@functools.lru_cache(maxsize=4096)
def _decided(agent):
    if addition(agent.lower()) is not None:
        return True
    return _listed(agent) if agent.isascii() else _listed_slowly(agent)


# The fast way ------------------------------------------------------------------------------------------

_CLASS_WITH_CAPITAL = re.compile(r"\[(?:\\.|[^\]\\])*[A-Z](?:\\.|[^\]\\])*\]")
_CASE_SWITCHED_OFF = re.compile(r"\(\?[aiLmsux]*-[imsx]*i")  # (?-i:...): a part that minds case


def _lowered(pattern):
    """`pattern` compiled to run on lowered ASCII text as `pattern` with IGNORECASE runs on the text.

    Lowered without IGNORECASE (several times faster) when lowering changes only literal letters: every
    escape is of punctuation or one of \\d \\s \\w \\b (none stands for a letter, as \\x41 and \\101 do,
    or changes meaning with case, as \\D does) and no character class holds a capital (a range such as
    A-z); otherwise with IGNORECASE, which on ASCII text does not mind lowering.
    """
    escapes_kept = all(not char.isalnum() or char in "dswb" for char in re.findall(r"\\(.)", pattern))
    if escapes_kept and not _CLASS_WITH_CAPITAL.search(pattern):
        return re.compile(pattern.lower())
    return re.compile(pattern, re.IGNORECASE)


def _literal(pattern):
    """The text `pattern` matches when it is plain text (punctuation may be escaped), else None."""
    text, escaped = [], False
    for char in pattern:
        if escaped:
            if char.isalnum():  # \d, \b, \1: not plain text
                return None
            text.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in ".^$*+?{}[]()|":
            return None
        else:
            text.append(char)
    return None if escaped else "".join(text)


_REPEATS = (sre_parser.MAX_REPEAT, sre_parser.MIN_REPEAT, sre_parser.POSSESSIVE_REPEAT)


def _needed(parsed):
    """Lowered pieces of text of which every match of a parsed pattern contains one, or None.

    The longest run of literal letters, or the pieces needed by a group, by every branch of an
    alternation, or by a repeat that must occur: whichever has the longest shortest piece.
    """
    candidates, run = [], ""
    for op, argument in [*parsed, (None, None)]:
        if op is sre_parser.LITERAL:
            run += chr(argument).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        pieces = None
        if op is sre_parser.SUBPATTERN:
            pieces = _needed(argument[-1])
        elif op is sre_parser.BRANCH:
            branches = [_needed(branch) for branch in argument[1]]
            pieces = set().union(*branches) if all(branches) else None
        elif op in _REPEATS and argument[0] >= 1:
            pieces = _needed(argument[2])
        if pieces:
            candidates.append(pieces)
    return max(candidates, key=lambda pieces: min(map(len, pieces)), default=None)


def _index(patterns):
    """{three letters: [(piece starting with them, regex to confirm or None)]}, and the patterns left
    unindexed: those with no piece of three letters or more, or a part that minds case."""
    index, unindexed = {}, []
    for pattern in patterns:
        literal = _literal(pattern)
        if literal is not None:
            pieces, regex = {literal.lower()}, None
        else:
            pieces, regex = _needed(sre_parser.parse(pattern)), _lowered(pattern)
        indexable = pattern.isascii() and not _CASE_SWITCHED_OFF.search(pattern)
        if not indexable or not pieces or min(map(len, pieces)) < 3:
            unindexed.append(pattern)
            continue
        for piece in pieces:
            index.setdefault(piece[:3], []).append((piece, regex))
    return index, unindexed


_KEPT = [pattern for pattern in CRAWLER_PATTERNS if pattern not in LEFT_OUT]
_EXCLUSIONS = _lowered("|".join(EXCLUSION_PATTERNS))  # one alternation, in the library's order
_INDEX, _UNINDEXED = _index(_KEPT)
_UNINDEXED_REGEX = re.compile(f"({'|'.join(_UNINDEXED)})", re.IGNORECASE) if _UNINDEXED else None


def _listed(agent):
    """The library's decision for an ASCII User-Agent, without LEFT_OUT, through the index."""
    agent = agent.strip()
    text = _EXCLUSIONS.sub("", agent.lower())
    if not text:
        return False
    candidates_at, found_at = _INDEX.get, text.startswith  # looked up once: this loop is the hot path
    for start in range(len(text) - 2):
        candidates = candidates_at(text[start : start + 3])
        if candidates:
            for piece, regex in candidates:
                if found_at(piece, start) and (regex is None or regex.search(text)):
                    return True
    if _UNINDEXED_REGEX is None:
        return False
    return _found(_UNINDEXED_REGEX, get_compiled_exclusions_regex().sub("", agent))


# The library's way -------------------------------------------------------------------------------------


@functools.cache
def _kept_regex():
    return re.compile(f"({'|'.join(_KEPT)})", re.IGNORECASE)  # a while to compile: only when needed


def _found(regex, text):
    match = regex.search(text)
    return match is not None and bool(match[0])  # as the library: an empty match finds no crawler


def _listed_slowly(agent):
    """The library's decision, without LEFT_OUT, taken the library's way: for any User-Agent."""
    text = get_compiled_exclusions_regex().sub("", agent.strip())
    return bool(text) and _found(_kept_regex(), text)
