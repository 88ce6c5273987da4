"""Tests of the installed plenary_client against live servers (started by
clients/run_tests.sh).

Environment: PLENARY_REGISTRY and PLENARY_INGEST (host:port),
PLENARY_PUBLISHER_TOKEN, PLENARY_READER_REGISTRY and PLENARY_READER_TOKEN (a
registry started with --reader-tokens and one of its tokens), and
PLENARY_TEST_RESTART_REGISTRY, a shell command that stops the registry with
SIGTERM and starts it again on the same port.
Every test ingests documents of its own (random symbols), so the tests do
not depend on each other's order, nor on the Node tests sharing the database.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import subprocess
import sys
import threading
import unittest
from datetime import datetime, timezone
from typing import Callable, Optional

import grpc

from plenary_client import (VOTE_POSITION_AGAINST, VOTE_POSITION_IN_FAVOUR, AsyncPlenaryClient,
                            DateRange, FeedEvent, FeedSubscription, InvalidArgumentError,
                            MemberStateVoteFilter, NotFoundError, PartialDate, PlenaryClient,
                            PlenaryError, UnauthenticatedError)
from plenary_client.v1 import entry_pb2, feed_service_pb2

REGISTRY = os.environ.get("PLENARY_REGISTRY", "")
INGEST = os.environ.get("PLENARY_INGEST", "")
TOKEN = os.environ.get("PLENARY_PUBLISHER_TOKEN", "")
RESTART_REGISTRY = os.environ.get("PLENARY_TEST_RESTART_REGISTRY", "")
READER_REGISTRY = os.environ.get("PLENARY_READER_REGISTRY", "")
READER_TOKEN = os.environ.get("PLENARY_READER_TOKEN", "")

# The sample of the service's documentation: a one-row resolution table.
NAIROBI_TABLE = (
    "Time\tResolution Number\tResolution Name\tDescription\n"
    "21 December 2009\tA/RES/64/222 General Assembly\t64/222. Nairobi outcome document\t"
    "<p>The General Assembly</p> <ul> • 16. We welcome efforts.</ul>\n"
).encode()

FEED_TIMEOUT = 20.0


def unique_word() -> str:
    """A word no document contains but the ones a test gives it to."""
    return "zq" + "".join(random.choices("bcdfghjklmnpqrstvwxz", k=10))


def unique_resolution(word: str = "") -> tuple[str, bytes]:
    """A resolution table of one row with a symbol no other test uses."""
    # Symbols have a session of up to 3 digits and a number of up to 4.
    session, number = random.randrange(100, 1000), random.randrange(1000, 10000)
    table = (
        "Time\tResolution Number\tResolution Name\tDescription\n"
        f"3 March 2031\tA/RES/{session}/{number} General Assembly\t"
        f"{session}/{number}. Client test {number} {word}\t"
        f"<p>The General Assembly</p> <ul> • 1. Welcomes test {number}.</ul>\n"
    )
    return f"A/RES/{session}/{number}", table.encode()


def unique_statement(word: str = "") -> bytes:
    """A web-page message of the Secretary-General no other test uses."""
    number = random.randrange(100_000, 1_000_000)
    return (
        f"International Day of Client Test {number} {word}\n20 December\n\n"
        f'"Let us stand together, test {number}."\n\n'
        "Secretary-General António Guterres\n"
        f"Message for the International Day of Client Test {number}\n"
    ).encode()


def resolution_with_vote(word: str, against: str,
                         abstaining: str) -> tuple[str, bytes, bytes]:
    """A resolution table of one row, and meeting coverage that reports its
    recorded vote naming the Member States `against` and `abstaining`: the
    vote is recorded on the resolution when the coverage comes after it.
    Coverage cites a resolution by its short symbol, whose session has at
    most two digits; sessions 10 to 99 are ones unique_resolution never uses."""
    session, number = random.randrange(10, 100), random.randrange(1000, 10000)
    table = (
        "Time\tResolution Number\tResolution Name\tDescription\n"
        f"3 March 2031\tA/RES/{session}/{number} General Assembly\t"
        f"{session}/{number}. Client test {number} {word}\t"
        f"<p>The General Assembly</p> <ul> • 1. Welcomes test {number}.</ul>\n"
    )
    coverage = (
        f"General Assembly\nGA/{random.randrange(20_000, 100_000)}\n3 March 2031\n\n"
        f"66th Meeting (AM)\n\nGENERAL ASSEMBLY ADOPTS CLIENT TEST TEXT {number}\n\n"
        f"The General Assembly today adopted resolution {session}/{number} by a recorded vote"
        f" of 150 in favour to\n2 against ({against}), with 3 abstentions ({abstaining}).\n"
    )
    return f"A/RES/{session}/{number}", table.encode(), coverage.encode()


def symbol_of(event: FeedEvent) -> Optional[str]:
    return event.entry.resolution.symbol if event.entry.HasField("resolution") else None


def read_until(feed: FeedSubscription, done: Callable[[FeedEvent], bool]) -> list[FeedEvent]:
    """Events up to and including the first for which done() is true; fails
    the test if none comes within FEED_TIMEOUT."""
    watchdog = threading.Timer(FEED_TIMEOUT, feed.close)
    watchdog.start()
    events: list[FeedEvent] = []
    try:
        for event in feed:
            events.append(event)
            if done(event):
                return events
    finally:
        watchdog.cancel()
    raise AssertionError(f"the awaited event did not come within {FEED_TIMEOUT} s: {events}")


def read_for(feed: FeedSubscription, seconds: float) -> list[FeedEvent]:
    """Every event that comes within `seconds`; closes the feed."""
    watchdog = threading.Timer(seconds, feed.close)
    watchdog.start()
    try:
        return list(feed)
    finally:
        watchdog.cancel()


def take(feed: FeedSubscription, count: int) -> list[FeedEvent]:
    """The next `count` events; fails if they do not come within FEED_TIMEOUT."""
    watchdog = threading.Timer(FEED_TIMEOUT, feed.close)
    watchdog.start()
    try:
        events = list(itertools.islice(feed, count))
    finally:
        watchdog.cancel()
    if len(events) < count:
        raise AssertionError(f"expected {count} events within {FEED_TIMEOUT} s, got {events}")
    return events


@unittest.skipUnless(REGISTRY and INGEST and TOKEN, "run through clients/run_tests.sh")
class PlenaryClientTest(unittest.TestCase):
    client: PlenaryClient

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = PlenaryClient(REGISTRY, INGEST, TOKEN)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def assertRpcCode(self, code: grpc.StatusCode, call: Callable[[], object]) -> PlenaryError:
        with self.assertRaises(PlenaryError) as raised:
            call()
        self.assertEqual(raised.exception.code, code, raised.exception.details)
        self.assertIsInstance(raised.exception.__cause__, grpc.RpcError)
        return raised.exception

    def test_the_installed_package_is_tested(self) -> None:
        import plenary_client
        self.assertIn("-packages", plenary_client.__file__)
        self.assertNotIn("plenary", [name.split(".")[0] for name in sys.modules
                                     if name.split(".")[0] == "plenary"])

    # Registry queries.

    def test_get_resolution_accepts_every_form_of_its_symbol(self) -> None:
        self.client.ingest(NAIROBI_TABLE)  # a duplicate when another test stored it first
        for form in ["A/RES/64/222", "a/res/64/222", " A / RES / 64/222 ", "64/222",
                     "Nairobi outcome document", "nairobi OUTCOME document"]:
            with self.subTest(form=form):
                resolution = self.client.get_resolution(form)
                self.assertEqual(resolution.symbol, "A/RES/64/222")
                self.assertEqual(resolution.body, "General Assembly")
                self.assertEqual((resolution.adopted.year, resolution.adopted.month,
                                  resolution.adopted.day), (2009, 12, 21))

    def test_get_resolution_reads_a_revision(self) -> None:
        symbol, table = unique_resolution()
        self.client.ingest(table)
        self.assertEqual(self.client.get_resolution(symbol, revision=1).revision, 1)
        self.assertRpcCode(grpc.StatusCode.NOT_FOUND,
                           lambda: self.client.get_resolution(symbol, revision=2))

    def test_unknown_symbol_is_not_found(self) -> None:
        error = self.assertRpcCode(grpc.StatusCode.NOT_FOUND,
                                   lambda: self.client.get_resolution("A/RES/99/99999"))
        self.assertIsInstance(error, NotFoundError)
        self.assertIn("99/99999", error.details)

    def test_get_resolutions_answers_in_the_order_asked(self) -> None:
        first, first_table = unique_resolution()
        second, second_table = unique_resolution()
        self.client.ingest(first_table)
        self.client.ingest(second_table)
        resolutions = self.client.get_resolutions([second, first.lower()])
        self.assertEqual([r.symbol for r in resolutions], [second, first])
        self.assertRpcCode(grpc.StatusCode.NOT_FOUND,
                           lambda: self.client.get_resolutions([first, "A/RES/99/99999"]))

    def test_get_statement_by_id(self) -> None:
        stored = self.client.ingest(unique_statement()).entries[0].statement
        statement = self.client.get_statement(stored.id)
        self.assertEqual(statement.headline, stored.headline)
        self.assertEqual(statement.speaker_role, "Secretary-General")
        self.assertRpcCode(grpc.StatusCode.NOT_FOUND,
                           lambda: self.client.get_statement("st-0000000000000000"))

    def test_list_resolutions_pager_reads_every_page(self) -> None:
        word = unique_word()
        symbols = [self.client.ingest(unique_resolution(word)[1]).entries[0].resolution.symbol
                   for _ in range(3)]
        pager = self.client.list_resolutions(text=word, page_size=1)
        self.assertEqual(pager.total_size, 3)
        self.assertEqual(len(pager.first_page.resolutions), 1)
        self.assertCountEqual([r.symbol for r in pager], symbols)
        self.assertEqual(len(list(pager.pages())), 3)

    def test_list_statements_pager_reads_every_page(self) -> None:
        word = unique_word()
        ids = [self.client.ingest(unique_statement(word)).entries[0].statement.id
               for _ in range(2)]
        found = [s.id for s in self.client.list_statements(text=word, page_size=1)]
        self.assertCountEqual(found, ids)

    def test_a_bad_filter_is_invalid_argument(self) -> None:
        self.assertRpcCode(grpc.StatusCode.INVALID_ARGUMENT,
                           lambda: self.client.list_resolutions(order_by="nonsense"))

    def test_list_resolutions_by_how_a_member_state_voted(self) -> None:
        word = unique_word()
        against, against_table, against_coverage = resolution_with_vote(
            word, against="Israel, United States", abstaining="Australia, Canada, Japan")
        abstained, abstained_table, abstained_coverage = resolution_with_vote(
            word, against="Israel, Canada", abstaining="Australia, United States, Japan")
        for document in (against_table, abstained_table, against_coverage, abstained_coverage):
            self.client.ingest(document)

        def listed(member_state: str, position: int | str = 0) -> list[str]:
            vote = MemberStateVoteFilter(member_state=member_state, position=position)
            return [r.symbol for r in self.client.list_resolutions(text=word,
                                                                   member_state_vote=vote)]

        self.assertEqual(listed("USA", VOTE_POSITION_AGAINST), [against])
        self.assertEqual(listed("United States", "VOTE_POSITION_ABSTAINING"), [abstained])
        self.assertCountEqual(listed("Israel"), [against, abstained])
        self.assertEqual(listed("JPN", VOTE_POSITION_IN_FAVOUR), [])
        self.assertCountEqual([r.symbol for r in self.client.list_resolutions(text=word)],
                              [against, abstained])

        error = self.assertRpcCode(grpc.StatusCode.INVALID_ARGUMENT, lambda: listed("Atlantis"))
        self.assertIsInstance(error, InvalidArgumentError)
        self.assertIn("member_state_vote.member_state", error.details)

    def test_search_pages_and_filters(self) -> None:
        word = unique_word()
        symbol = self.client.ingest(unique_resolution(word)[1]).entries[0].resolution.symbol
        statement_id = self.client.ingest(unique_statement(word)).entries[0].statement.id
        first = self.client.search(word, page_size=1)
        second = self.client.search(word, page_size=1, page_token=first.next_page_token)
        self.assertEqual(first.total_size, 2)
        self.assertCountEqual([r.entry.WhichOneof("kind") for r in (*first.results, *second.results)],
                              ["resolution", "statement"])
        self.assertEqual(second.next_page_token, "")
        self.assertCountEqual([r.entry.WhichOneof("kind") for r in first],
                              ["resolution", "statement"])
        kinds = {f.field: {v.value: v.count for v in f.values} for f in first.facets}["kind"]
        self.assertEqual(kinds, {"resolution": 1, "statement": 1})

        statements = self.client.search(word, kinds=["ENTRY_KIND_STATEMENT"])
        self.assertEqual([r.entry.statement.id for r in statements.results], [statement_id])
        self.assertIn(f"<b>{word}</b>", statements.results[0].snippet)
        resolutions = self.client.search(word, kinds=[entry_pb2.ENTRY_KIND_RESOLUTION])
        self.assertEqual([r.entry.resolution.symbol for r in resolutions.results], [symbol])

    # Ingestion.

    def test_ingest_stores_the_records_of_a_document(self) -> None:
        symbol, table = unique_resolution()
        response = self.client.ingest(table, media_type="text/tab-separated-values",
                                      source_uri="https://example.org/table.tsv")
        self.assertFalse(response.duplicate)
        self.assertGreater(response.document_id, 0)
        self.assertEqual([e.resolution.symbol for e in response.entries], [symbol])
        self.assertEqual(response.entries[0].resolution.source.uri,
                         "https://example.org/table.tsv")

    def test_ingest_without_token_is_unauthenticated(self) -> None:
        _, table = unique_resolution()
        with PlenaryClient(REGISTRY, INGEST) as anonymous:
            error = self.assertRpcCode(grpc.StatusCode.UNAUTHENTICATED,
                                       lambda: anonymous.ingest(table))
            self.assertIsInstance(error, UnauthenticatedError)
        with PlenaryClient(REGISTRY, INGEST, publisher_token="not-a-publisher") as stranger:
            self.assertRpcCode(grpc.StatusCode.UNAUTHENTICATED, lambda: stranger.ingest(table))

    def test_ingesting_the_same_document_again_is_a_duplicate(self) -> None:
        _, table = unique_resolution()
        first = self.client.ingest(table)
        again = self.client.ingest(table)
        self.assertTrue(again.duplicate)
        self.assertEqual(again.document_id, first.document_id)
        self.assertEqual(list(again.entries), list(first.entries))

    def test_the_same_request_id_again_is_a_duplicate(self) -> None:
        request_id = f"python-{random.randrange(10**9)}"
        _, table = unique_resolution()
        _, other_table = unique_resolution()
        first = self.client.ingest(table, request_id=request_id)
        retry = self.client.ingest(other_table, request_id=request_id)
        self.assertTrue(retry.duplicate)
        self.assertEqual(retry.document_id, first.document_id)

    def test_ingest_sends_published_at(self) -> None:
        _, table = unique_resolution()
        published = datetime(2031, 3, 3, 12, 0, tzinfo=timezone.utc)
        response = self.client.ingest(table, published_at=published)
        self.assertEqual(len(response.entries), 1)
        with self.assertRaises(ValueError):
            self.client.ingest(table, published_at=datetime(2031, 3, 3))

    def test_ingest_needs_an_ingest_address(self) -> None:
        with PlenaryClient(REGISTRY) as reader, self.assertRaises(ValueError):
            reader.ingest(NAIROBI_TABLE)

    # The feed.

    def test_subscribe_from_beginning_receives_the_ingested_entries(self) -> None:
        symbol, table = unique_resolution()
        self.client.ingest(table)
        with self.client.subscribe(from_beginning=True) as feed:
            events = read_until(feed, lambda event: symbol_of(event) == symbol)
        self.assertEqual(events[-1].type, feed_service_pb2.FEED_EVENT_TYPE_CREATED)
        self.assertTrue(events[-1].HasField("committed_at"))
        self.assertNotIn(feed_service_pb2.FEED_EVENT_TYPE_PROGRESS, [e.type for e in events])
        self.assertEqual(feed.cursor, events[-1].cursor)

    def test_subscribe_filters_by_kind(self) -> None:
        self.client.ingest(unique_resolution()[1])
        statement = self.client.ingest(unique_statement()).entries[0].statement
        with self.client.subscribe(from_beginning=True,
                                   kinds=[entry_pb2.ENTRY_KIND_STATEMENT]) as feed:
            events = read_until(feed, lambda event: event.entry.statement.id == statement.id)
        self.assertEqual({e.entry.WhichOneof("kind") for e in events}, {"statement"})

    def test_subscribe_filters_by_how_a_member_state_voted(self) -> None:
        word = unique_word()
        against, against_table, against_coverage = resolution_with_vote(
            word, against="Israel, United States", abstaining="Australia, Canada, Japan")
        abstained, abstained_table, abstained_coverage = resolution_with_vote(
            word, against="Israel, Canada", abstaining="Australia, United States, Japan")
        # The vote left out comes first, so the feed has passed it when the
        # one selected arrives.
        for document in (against_table, abstained_table, abstained_coverage, against_coverage):
            self.client.ingest(document)
        votes = [MemberStateVoteFilter(member_state="United States",
                                       position=VOTE_POSITION_AGAINST),
                 MemberStateVoteFilter(member_state="FRA")]
        with self.client.subscribe(from_beginning=True, query=word,
                                   member_state_votes=votes) as feed:
            events = read_until(feed, lambda event: symbol_of(event) == against)
        # Only the revision that brought the vote: the first one had none.
        self.assertEqual([(symbol_of(e), e.type) for e in events],
                         [(against, feed_service_pb2.FEED_EVENT_TYPE_REVISED)])
        self.assertEqual(events[0].entry.resolution.vote.in_favour, 150)

        unknown = [votes[0], MemberStateVoteFilter(member_state="Atlantis")]
        with self.client.subscribe(member_state_votes=unknown) as rejected:
            error = self.assertRpcCode(grpc.StatusCode.INVALID_ARGUMENT, lambda: next(rejected))
        self.assertIn("member_state_votes[1].member_state", error.details)

    def test_resuming_after_a_cursor_yields_exactly_the_rest(self) -> None:
        first, first_table = unique_resolution()
        second, second_table = unique_resolution()
        third, third_table = unique_resolution()
        self.client.ingest(first_table)
        self.client.ingest(second_table)
        with self.client.subscribe(from_beginning=True) as feed:
            read_until(feed, lambda event: symbol_of(event) == first)
            cursor = feed.cursor
        self.client.ingest(third_table)

        with self.client.subscribe(after_cursor=cursor) as resumed:
            rest = take(resumed, 2) + read_for(resumed, 1.0)
        self.assertEqual([symbol_of(e) for e in rest], [second, third])

    @unittest.skipUnless(RESTART_REGISTRY, "needs PLENARY_TEST_RESTART_REGISTRY")
    def test_subscription_resumes_by_itself_when_the_registry_restarts(self) -> None:
        before, before_table = unique_resolution()
        self.client.ingest(before_table)
        with self.client.subscribe(from_beginning=True) as feed:
            seen = read_until(feed, lambda event: symbol_of(event) == before)

            # SIGTERM ends the stream with UNAVAILABLE while the feed is not
            # read; the new process listens on the same port.
            subprocess.run(RESTART_REGISTRY, shell=True, check=True)
            after = [unique_resolution() for _ in range(2)]
            for _, table in after:
                self.client.ingest(table)

            rest = take(feed, 2) + read_for(feed, 1.0)
        self.assertEqual([symbol_of(e) for e in rest], [symbol for symbol, _ in after])
        self.assertGreaterEqual(feed.reconnects, 1)
        cursors = [e.cursor for e in seen + rest]
        self.assertEqual(len(cursors), len(set(cursors)), "an event came twice")


@unittest.skipUnless(REGISTRY and INGEST and TOKEN, "run through clients/run_tests.sh")
class AsyncPlenaryClientTest(unittest.TestCase):
    """The asyncio client against the live services: the same calls."""

    def test_ingest_get_list_search_and_subscribe(self) -> None:
        word = unique_word()
        symbol, table = unique_resolution(word)

        async def main() -> None:
            async with AsyncPlenaryClient(REGISTRY, INGEST, TOKEN) as client:
                stored = await client.ingest(table)
                self.assertEqual(stored.entries[0].resolution.symbol, symbol)
                self.assertEqual((await client.get_resolution(symbol.lower())).symbol, symbol)
                with self.assertRaises(NotFoundError):
                    await client.get_statement("st-0000000000000000")
                adopted = DateRange(start=PartialDate(year=2031), end=PartialDate(year=2031))
                pager = await client.list_resolutions(text=word, adopted=adopted, page_size=1)
                self.assertEqual([r.symbol async for r in pager], [symbol])
                found = await client.search(word)
                self.assertEqual([r.entry.resolution.symbol for r in found.results], [symbol])
                async with client.subscribe(from_beginning=True) as feed:
                    async def first_of_ours() -> FeedEvent:
                        async for event in feed:
                            if symbol_of(event) == symbol:
                                return event
                        raise AssertionError("the feed ended")
                    event = await asyncio.wait_for(first_of_ours(), FEED_TIMEOUT)
                self.assertEqual(event.type, feed_service_pb2.FEED_EVENT_TYPE_CREATED)
                self.assertEqual(feed.cursor, event.cursor)

        asyncio.run(main())

    def test_list_and_subscribe_by_member_state_vote(self) -> None:
        word = unique_word()
        against, against_table, against_coverage = resolution_with_vote(
            word, against="United States", abstaining="Japan")
        _, other_table, other_coverage = resolution_with_vote(
            word, against="Japan", abstaining="United States")
        vote = MemberStateVoteFilter(member_state="usa", position="VOTE_POSITION_AGAINST")

        async def main() -> None:
            async with AsyncPlenaryClient(REGISTRY, INGEST, TOKEN) as client:
                for document in (against_table, other_table, other_coverage, against_coverage):
                    await client.ingest(document)
                pager = await client.list_resolutions(text=word, member_state_vote=vote)
                self.assertEqual([r.symbol async for r in pager], [against])
                with self.assertRaises(InvalidArgumentError) as raised:
                    await client.list_resolutions(
                        member_state_vote=MemberStateVoteFilter(member_state="Atlantis"))
                self.assertIn("member_state_vote.member_state", raised.exception.details)
                async with client.subscribe(from_beginning=True, query=word,
                                            member_state_votes=[vote]) as feed:
                    event = await asyncio.wait_for(feed.__anext__(), FEED_TIMEOUT)
                self.assertEqual(symbol_of(event), against)

        asyncio.run(main())


@unittest.skipUnless(READER_REGISTRY and READER_TOKEN, "needs PLENARY_READER_REGISTRY")
class ReaderTokenTest(unittest.TestCase):
    """A registry started with --reader-tokens serves only the readers it knows."""

    def test_queries_and_the_feed_need_a_reader_token(self) -> None:
        for token in (None, "not-a-reader"):
            with self.subTest(token=token), PlenaryClient(READER_REGISTRY,
                                                          reader_token=token) as stranger:
                with self.assertRaises(UnauthenticatedError):
                    stranger.get_resolution("A/RES/99/99999")
                with self.assertRaises(UnauthenticatedError) as raised:
                    next(stranger.subscribe(from_beginning=True, max_reconnects=0))
                self.assertIsInstance(raised.exception.__cause__, grpc.RpcError)

    def test_a_reader_token_is_accepted(self) -> None:
        with PlenaryClient(READER_REGISTRY, reader_token=READER_TOKEN) as reader:
            with self.assertRaises(NotFoundError):
                reader.get_resolution("A/RES/99/99999")
            with reader.subscribe(from_beginning=True) as feed:
                self.assertTrue(take(feed, 1)[0].cursor)


if __name__ == "__main__":
    unittest.main()
