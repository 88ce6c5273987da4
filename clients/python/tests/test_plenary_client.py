"""Tests of plenary_client against live servers (started by clients/run_tests.sh).

Environment: PLENARY_REGISTRY and PLENARY_INGEST (host:port),
PLENARY_PUBLISHER_TOKEN, and PLENARY_TEST_RESTART_REGISTRY, a shell command
that stops the registry with SIGTERM and starts it again on the same port.
Every test ingests documents of its own (random symbols), so the tests do
not depend on each other's order, nor on the Node tests sharing the database.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import subprocess
import threading
import unittest
from typing import Callable, Iterator, Optional

import grpc

from plenary.v1 import entry_pb2, feed_service_pb2
from plenary_client import FeedEvent, FeedSubscription, PlenaryClient

REGISTRY = os.environ.get("PLENARY_REGISTRY", "")
INGEST = os.environ.get("PLENARY_INGEST", "")
TOKEN = os.environ.get("PLENARY_PUBLISHER_TOKEN", "")
RESTART_REGISTRY = os.environ.get("PLENARY_TEST_RESTART_REGISTRY", "")

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

    def assertRpcCode(self, code: grpc.StatusCode, call: Callable[[], object]) -> grpc.RpcError:
        with self.assertRaises(grpc.RpcError) as raised:
            call()
        self.assertEqual(raised.exception.code(), code, raised.exception.details())
        return raised.exception

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
        self.assertIn("99/99999", error.details())

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

    # ListResolutions, ListStatements and Search answered UNIMPLEMENTED when
    # these tests were written. Against such a registry each test checks that
    # the helper surfaces it as a plain RpcError, and skips, saying so.

    @contextlib.contextmanager
    def skipped_if_unimplemented(self, method: str) -> Iterator[None]:
        try:
            yield
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise
            self.skipTest(f"{method} answers UNIMPLEMENTED from this plenary-registry")

    def test_iter_resolutions_reads_every_page(self) -> None:
        word = unique_word()
        symbols = [self.client.ingest(unique_resolution(word)[1]).entries[0].resolution.symbol
                   for _ in range(3)]
        with self.skipped_if_unimplemented("ListResolutions"):
            found = [r.symbol for r in self.client.iter_resolutions(text=word, page_size=1)]
        self.assertCountEqual(found, symbols)

    def test_iter_statements_reads_every_page(self) -> None:
        word = unique_word()
        ids = [self.client.ingest(unique_statement(word)).entries[0].statement.id
               for _ in range(2)]
        with self.skipped_if_unimplemented("ListStatements"):
            found = [s.id for s in self.client.iter_statements(text=word, page_size=1)]
        self.assertCountEqual(found, ids)

    def test_search_pages_and_filters(self) -> None:
        word = unique_word()
        symbol = self.client.ingest(unique_resolution(word)[1]).entries[0].resolution.symbol
        statement_id = self.client.ingest(unique_statement(word)).entries[0].statement.id
        with self.skipped_if_unimplemented("Search"):
            first = self.client.search(word, page_size=1)
        second = self.client.search(word, page_size=1, page_token=first.next_page_token)
        self.assertEqual(first.total_size, 2)
        self.assertCountEqual([r.entry.WhichOneof("kind") for r in (*first.results, *second.results)],
                              ["resolution", "statement"])
        self.assertEqual(second.next_page_token, "")
        kinds = {f.field: {v.value: v.count for v in f.values} for f in first.facets}["kind"]
        self.assertEqual(kinds, {"resolution": 1, "statement": 1})

        statements = self.client.search(word, kinds=[entry_pb2.ENTRY_KIND_STATEMENT])
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
            self.assertRpcCode(grpc.StatusCode.UNAUTHENTICATED, lambda: anonymous.ingest(table))
        with PlenaryClient(REGISTRY, INGEST, token="not-a-publisher") as stranger:
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


if __name__ == "__main__":
    unittest.main()
