"""Who is a person: the User-Agent corpus (user_agents.json), and stats/bots.py equal to crawlerdetect.

stats/bots.py decides as `crawlerdetect.CrawlerDetect().is_crawler()` does, faster, except where it says
otherwise on purpose (`bots.addition`, `bots.LEFT_OUT`). The equivalence is checked on the corpus and on
a few thousand variations: of the corpus, and of every pattern of the library.
"""

import json
import random
import re
import time
from pathlib import Path

import pytest
from crawlerdetect import CrawlerDetect
from crawlerdetect.crawlerdetect import get_compiled_exclusions_regex
from crawlerdetect.providers.crawlers import data as CRAWLER_PATTERNS

from stats import bots
from stats.definitions import USER_AGENT_LENGTH
from tests.stats.helpers import counters

CORPUS = json.loads((Path(__file__).parent / "user_agents.json").read_text(encoding="utf-8"))
PEOPLE = CORPUS["people"]
NOT_PEOPLE = CORPUS["not_people"]


@pytest.mark.parametrize("entry", PEOPLE, ids=[entry["name"] for entry in PEOPLE])
def test_each_browser_of_the_corpus_is_a_person(entry):
    assert not bots.is_bot(entry["user_agent"]), f"{entry['name']} is taken for a bot: {entry['user_agent']}"


@pytest.mark.parametrize("entry", NOT_PEOPLE, ids=[entry["name"] for entry in NOT_PEOPLE])
def test_each_crawler_preview_monitor_and_tool_of_the_corpus_is_no_person(entry):
    assert bots.is_bot(entry["user_agent"]), f"{entry['name']} is taken for a person: {entry['user_agent']}"


def test_the_corpus_is_real_user_agents_each_with_its_source():
    entries = PEOPLE + NOT_PEOPLE
    assert len(entries) >= 60
    assert all(entry["name"] and entry["source"] for entry in entries)
    assert len({entry["user_agent"] for entry in entries}) == len(entries)
    # Forms no vendor publishes say so.
    assert all(entry["source"].startswith("assumed") == entry.get("assumed", False) for entry in entries)


@pytest.mark.django_db
def test_through_the_middleware_every_person_of_the_corpus_is_counted_and_no_crawler(client, article):
    for entry in NOT_PEOPLE:
        client.get(article.get_absolute_url(), headers={"user-agent": entry["user_agent"]})
    assert counters(article) == (0, 0, 0, 0)
    for entry in PEOPLE:
        client.get(article.get_absolute_url(), headers={"user-agent": entry["user_agent"]})
    assert counters(article) == (len(PEOPLE), len(PEOPLE), len(PEOPLE), len(PEOPLE))


# Equal to the library ----------------------------------------------------------------------------------

# Tokens the library's exclusions remove: put inside a crawler's name, they are removed before the
# crawler patterns are searched, so "Goog" + "Linux" + "lebot" is Googlebot to the library.
EXCLUDED = ["Mozilla/5.0", "AppleWebKit/537.36", "(KHTML, like Gecko)", " Chrome/126.0.0.0", "Safari/604.1",
            "Linux", "compatible", "Build", "X11", "Win64", "Opera", "Version/4.0", "; M bot", "cubot",
            "rv:128.0", "Android 14", "iPod", "x86_64"]  # fmt: skip
PREFIXES = ["", "Mozilla/5.0 (compatible; ", PEOPLE[0]["user_agent"] + " ", PEOPLE[6]["user_agent"] + " "]
SUFFIXES = ["", "/1.0", "/2.1; +http://example.vn/bot.html)", " 7", ")", "_2.3"]


def _mixed_case(rng, text):
    return "".join(char.upper() if rng.random() < 0.5 else char.lower() for char in text)


def _probe(rng, pattern):
    """Text near what `pattern` matches: the text its matches need, in a User-Agent, often altered."""
    pieces = bots._needed(bots.sre_parser.parse(pattern)) or {"bot"}
    piece = rng.choice(sorted(pieces))
    kind = rng.randrange(4)
    if kind == 1:
        piece = _mixed_case(rng, piece)
    elif kind == 2:  # an excluded token inside it
        cut = rng.randrange(1, len(piece)) if len(piece) > 1 else 0
        piece = piece[:cut] + rng.choice(EXCLUDED) + piece[cut:]
    elif kind == 3:  # one letter off
        at = rng.randrange(len(piece))
        piece = piece[:at] + rng.choice("xq7-/ ") + piece[at + 1 :]
    return rng.choice(PREFIXES) + piece + rng.choice(SUFFIXES)


def _variations(agent, rng, corpus):
    numbers = re.sub(r"\d+", lambda match: str(rng.randrange(10_000)), agent)
    cut = rng.randrange(len(agent) + 1)
    return [
        agent.upper(),
        agent.lower(),
        numbers,
        agent[:cut],
        agent[:cut] + rng.choice(EXCLUDED) + agent[cut:],
        agent + " " + rng.choice(corpus),
        agent.replace(" ", "ệ", 1),  # not ASCII: decided the library's way
    ]


def _user_agents():
    rng = random.Random(20260517)
    corpus = [entry["user_agent"] for entry in PEOPLE + NOT_PEOPLE]
    agents = list(corpus)
    for agent in corpus:
        agents += _variations(agent, rng, corpus)
    for pattern in CRAWLER_PATTERNS:
        agents += [_probe(rng, pattern), _probe(rng, pattern)]
    return [agent for agent in agents if len(agent) <= USER_AGENT_LENGTH]


USER_AGENTS = _user_agents()


def test_the_equivalence_is_checked_on_thousands_of_user_agents():
    assert len(USER_AGENTS) >= 3000
    assert sum(CrawlerDetect().is_crawler(agent) for agent in USER_AGENTS[::7]) > 100  # not all misses


def test_no_pattern_of_the_library_matches_empty_text():
    # The fast way takes any pattern found as the library's "crawler"; the library asks its one regex
    # for a non-empty match. Same answer while no pattern can match nothing.
    assert all(bots.sre_parser.parse(pattern).getwidth()[0] > 0 for pattern in CRAWLER_PATTERNS)


@pytest.fixture(scope="module")
def library_without_left_out():
    """crawlerdetect's algorithm verbatim, on its list without bots.LEFT_OUT."""
    kept = re.compile(f"({'|'.join(p for p in CRAWLER_PATTERNS if p not in bots.LEFT_OUT)})", re.IGNORECASE)

    def decide(agent):
        text = get_compiled_exclusions_regex().sub("", agent.strip())
        match = kept.search(text) if text else None
        return bool(match and match[1])

    return decide


def test_each_decision_is_the_librarys_but_for_the_listed_additions_and_left_out_patterns(
    library_without_left_out,
):
    detector = CrawlerDetect()
    overridden = {}
    for agent in USER_AGENTS:
        ours, library = bots.is_bot(agent), detector.is_crawler(agent)
        if ours == library:
            continue
        if ours:
            reason = bots.addition(agent.lower())
        else:
            reason = not library_without_left_out(agent) and f"left out: {detector.get_matches()}"
        assert reason, f"{agent!r}: stats.bots says {'bot' if ours else 'person'}, crawlerdetect the opposite"
        overridden[agent] = reason
    reasons = set(overridden.values())
    assert "left out: OPPO A33" in reasons
    assert "no User-Agent: every browser sends one, scripts often none" in reasons


def test_the_fast_way_decides_as_the_librarys_way():
    for agent in USER_AGENTS:
        if agent.isascii():
            assert bots._listed(agent) == bots._listed_slowly(agent), agent


def test_every_pattern_is_indexed_and_those_left_out_are_the_librarys():
    # An unindexed pattern would be searched by a regex on every page view; a pattern left out that the
    # library no longer has (after an upgrade) would be a reason nobody needs.
    assert not bots._UNINDEXED
    assert set(bots.LEFT_OUT) <= set(CRAWLER_PATTERNS)


# Cheap on the hot path ---------------------------------------------------------------------------------


def test_a_user_agent_is_decided_by_its_first_512_characters():
    hidden = "Mozilla/5.0 (Windows NT 10.0) " + "x" * USER_AGENT_LENGTH + " Googlebot/2.1"
    assert not bots.is_bot(hidden)
    started = time.perf_counter()
    assert not bots.is_bot("Mozilla/5.0 " + "y" * 100_000)
    # The library takes minutes over 100 KB; cut to 512 characters it takes microseconds. A bound no
    # busy machine reaches, and the uncut string would exceed by far.
    assert time.perf_counter() - started < 1


def test_a_decision_is_taken_once_per_user_agent():
    bots._decided.cache_clear()
    agent = PEOPLE[0]["user_agent"]
    for _ in range(3):
        bots.is_bot(agent)
    assert bots._decided.cache_info().hits == 2
