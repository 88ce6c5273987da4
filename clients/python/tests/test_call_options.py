"""Tests of the call options and the feed's resumption rules, against
servers of the tests' own: a listener that never answers, and fake
Registry, Ingest and Feed services on grpc.server. No Plenary needed.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import unittest
from concurrent import futures
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import grpc

from plenary_client import (DEFAULT_TIMEOUT, AsyncPlenaryClient, DeadlineExceededError,
                            InvalidArgumentError, PlenaryClient, UnavailableError)
from plenary_client.v1 import (feed_service_pb2, feed_service_pb2_grpc, ingest_service_pb2,
                               ingest_service_pb2_grpc, registry_service_pb2_grpc,
                               resolution_pb2)


class SilentListener:
    """Accepts TCP connections and never answers: a hung server."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.address = "127.0.0.1:%d" % self._socket.getsockname()[1]
        self._connections: List[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self._connections.append(connection)  # held open, never read or written

    def close(self) -> None:
        self._socket.close()
        for connection in self._connections:
            connection.close()


class DeadlineTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = SilentListener()
        self.addCleanup(self.server.close)

    def assertDeadlineAfter(self, seconds: float, call: Callable[[], object]) -> None:
        start = time.monotonic()
        with self.assertRaises(DeadlineExceededError) as raised:
            call()
        elapsed = time.monotonic() - start
        self.assertEqual(raised.exception.code, grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertGreaterEqual(elapsed, seconds * 0.95)
        self.assertLess(elapsed, seconds + 1.0, f"failed after {elapsed:.2f} s")

    def test_the_default_deadline_is_ten_seconds(self) -> None:
        self.assertEqual(DEFAULT_TIMEOUT, 10.0)
        with PlenaryClient(self.server.address) as client:
            self.assertDeadlineAfter(10.0, lambda: client.get_resolution("64/222"))

    def test_the_clients_default_deadline(self) -> None:
        with PlenaryClient(self.server.address, self.server.address, "t", timeout=0.5,
                           ingest_timeout=0.7) as client:
            self.assertDeadlineAfter(0.5, lambda: client.get_resolution("64/222"))
            self.assertDeadlineAfter(0.5, lambda: client.search("water"))
            self.assertDeadlineAfter(0.7, lambda: client.ingest(b"text"))

    def test_a_calls_own_deadline(self) -> None:
        with PlenaryClient(self.server.address) as client:
            self.assertDeadlineAfter(0.3, lambda: client.get_statement("st-1", timeout=0.3))

    def test_the_asyncio_clients_deadline(self) -> None:
        async def main() -> None:
            async with AsyncPlenaryClient(self.server.address, timeout=0.5) as client:
                start = time.monotonic()
                with self.assertRaises(DeadlineExceededError):
                    await client.get_resolution("64/222")
                self.assertLess(time.monotonic() - start, 1.5)
                start = time.monotonic()
                with self.assertRaises(DeadlineExceededError):
                    await client.list_resolutions(timeout=0.2)
                self.assertLess(time.monotonic() - start, 1.2)
        asyncio.run(main())


class FakeRegistry(registry_service_pb2_grpc.RegistryServiceServicer):
    """Answers UNAVAILABLE to the first `failures` GetResolution calls."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0
        self.metadata: List[Tuple[str, str]] = []

    def GetResolution(self, request, context):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.metadata = list(context.invocation_metadata())
        if self.calls <= self.failures:
            context.abort(grpc.StatusCode.UNAVAILABLE, "restarting")
        return resolution_pb2.Resolution(symbol="A/RES/" + request.symbol)


class FakeIngest(ingest_service_pb2_grpc.IngestServiceServicer):
    def __init__(self) -> None:
        self.metadata: List[Tuple[str, str]] = []

    def IngestDocument(self, request, context):  # type: ignore[no-untyped-def]
        self.metadata = list(context.invocation_metadata())
        return ingest_service_pb2.IngestDocumentResponse(document_id=7)


def event(cursor: str, kind: int = feed_service_pb2.FEED_EVENT_TYPE_CREATED
          ) -> feed_service_pb2.FeedEvent:
    return feed_service_pb2.FeedEvent(cursor=cursor, type=kind)


class FakeFeed(feed_service_pb2_grpc.FeedServiceServicer):
    """Plays one script per Subscribe call: events, then how the stream
    ends (a status code, or None for a plain end). Records each request."""

    def __init__(self, scripts: Sequence[Tuple[Sequence[feed_service_pb2.FeedEvent],
                                               Optional[grpc.StatusCode]]]) -> None:
        self.scripts = list(scripts)
        self.requests: List[feed_service_pb2.SubscribeRequest] = []

    def Subscribe(self, request, context):  # type: ignore[no-untyped-def]
        self.requests.append(request)
        events, end = self.scripts.pop(0) if self.scripts else ([], grpc.StatusCode.UNAVAILABLE)
        yield from events
        if end is not None:
            context.abort(end, f"scripted {end.name}")


class FakeServer:
    def __init__(self, registry: Optional[FakeRegistry] = None, ingest: Optional[FakeIngest] = None,
                 feed: Optional[FakeFeed] = None) -> None:
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        if registry:
            registry_service_pb2_grpc.add_RegistryServiceServicer_to_server(registry, self.server)
        if ingest:
            ingest_service_pb2_grpc.add_IngestServiceServicer_to_server(ingest, self.server)
        if feed:
            feed_service_pb2_grpc.add_FeedServiceServicer_to_server(feed, self.server)
        self.address = "127.0.0.1:%d" % self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()

    def stop(self) -> None:
        self.server.stop(None)


class RetryAndMetadataTest(unittest.TestCase):
    def test_unavailable_is_retried(self) -> None:
        registry = FakeRegistry(failures=2)
        server = FakeServer(registry=registry)
        self.addCleanup(server.stop)
        with PlenaryClient(server.address, initial_backoff=0.05) as client:
            self.assertEqual(client.get_resolution("64/222").symbol, "A/RES/64/222")
        self.assertEqual(registry.calls, 3)

    def test_retries_stop_at_max_attempts(self) -> None:
        registry = FakeRegistry(failures=100)
        server = FakeServer(registry=registry)
        self.addCleanup(server.stop)
        with PlenaryClient(server.address, max_attempts=3, initial_backoff=0.05) as client:
            with self.assertRaises(UnavailableError) as raised:
                client.get_resolution("64/222")
        self.assertEqual(raised.exception.details, "restarting")
        self.assertEqual(registry.calls, 3)
        with PlenaryClient(server.address, max_attempts=1) as client:
            registry.calls = 0
            with self.assertRaises(UnavailableError):
                client.get_resolution("64/222")
        self.assertEqual(registry.calls, 1)

    def test_tokens_and_metadata_go_where_they_belong(self) -> None:
        registry, ingest = FakeRegistry(failures=0), FakeIngest()
        server = FakeServer(registry=registry, ingest=ingest)
        self.addCleanup(server.stop)
        with PlenaryClient(server.address, server.address, "publisher-1", reader_token="reader-1",
                           metadata=[("x-team", "etl")]) as client:
            client.get_resolution("64/222", metadata=[("x-call", "one")])
            client.ingest(b"text")
        self.assertIn(("authorization", "Bearer reader-1"), registry.metadata)
        self.assertIn(("x-team", "etl"), registry.metadata)
        self.assertIn(("x-call", "one"), registry.metadata)
        self.assertIn(("authorization", "Bearer publisher-1"), ingest.metadata)
        self.assertIn(("x-team", "etl"), ingest.metadata)


CREATED, PROGRESS = feed_service_pb2.FEED_EVENT_TYPE_CREATED, feed_service_pb2.FEED_EVENT_TYPE_PROGRESS


def resumption_script() -> FakeFeed:
    """A stream cut every way the feed's rules call resumable, then one
    that is not."""
    return FakeFeed([
        ([event("c0", PROGRESS), event("c1")], grpc.StatusCode.CANCELLED),  # a stopping server
        ([event("c2")], None),  # a plain end
        ([], grpc.StatusCode.UNAVAILABLE),  # not up yet
        ([event("c3")], grpc.StatusCode.RESOURCE_EXHAUSTED),  # too slow
        ([event("c4", PROGRESS)], grpc.StatusCode.INVALID_ARGUMENT),
    ])


class FeedResumptionTest(unittest.TestCase):
    def check(self, feed: FakeFeed, cursors: List[str], error: BaseException,
              reconnects: int) -> None:
        self.assertEqual(cursors, ["c1", "c2", "c3"])
        self.assertIsInstance(error, InvalidArgumentError)
        self.assertEqual([r.after_cursor for r in feed.requests], ["", "c1", "c2", "c2", "c3"])
        self.assertTrue(feed.requests[0].from_beginning)
        self.assertEqual(reconnects, 4)

    def test_resumes_after_its_cursor_until_an_error_that_is_not_resumable(self) -> None:
        feed = resumption_script()
        server = FakeServer(feed=feed)
        self.addCleanup(server.stop)
        cursors: List[str] = []
        with PlenaryClient(server.address, initial_backoff=0.02, max_backoff=0.05) as client:
            subscription = client.subscribe(from_beginning=True)
            with self.assertRaises(InvalidArgumentError) as raised:
                for received in subscription:
                    cursors.append(received.cursor)
        self.check(feed, cursors, raised.exception, subscription.reconnects)
        self.assertEqual(subscription.cursor, "c4")

    def test_asyncio_resumes_the_same(self) -> None:
        feed = resumption_script()
        server = FakeServer(feed=feed)
        self.addCleanup(server.stop)
        cursors: List[str] = []

        async def main() -> BaseException:
            async with AsyncPlenaryClient(server.address, initial_backoff=0.02,
                                          max_backoff=0.05) as client:
                subscription = client.subscribe(from_beginning=True)
                try:
                    async for received in subscription:
                        cursors.append(received.cursor)
                except InvalidArgumentError as error:
                    self.reconnects = subscription.reconnects
                    return error
                raise AssertionError("the subscription ended without the error")

        error = asyncio.run(main())
        self.check(feed, cursors, error, self.reconnects)

    def test_gives_up_only_when_told_to(self) -> None:
        feed = FakeFeed([])  # every call: UNAVAILABLE at once
        server = FakeServer(feed=feed)
        self.addCleanup(server.stop)
        with PlenaryClient(server.address, initial_backoff=0.01, max_backoff=0.02) as client:
            with self.assertRaises(UnavailableError):
                next(client.subscribe(max_reconnects=3))
            self.assertEqual(len(feed.requests), 4)
            # Without max_reconnects it keeps trying until closed.
            subscription = client.subscribe()
            threading.Timer(0.5, subscription.close).start()
            self.assertEqual(list(subscription), [])
            self.assertGreater(subscription.reconnects, 5)

    def test_closing_the_client_ends_its_subscriptions(self) -> None:
        feed = FakeFeed([([event("c1")], None)] + [([], None)] * 1000)
        server = FakeServer(feed=feed)
        self.addCleanup(server.stop)
        client = PlenaryClient(server.address, initial_backoff=0.05, max_backoff=0.05)
        subscription = client.subscribe()
        self.assertEqual(next(subscription).cursor, "c1")
        threading.Timer(0.2, client.close).start()
        self.assertEqual(list(subscription), [])

        async def main() -> None:
            async_client = AsyncPlenaryClient(server.address, initial_backoff=0.05,
                                              max_backoff=0.05)
            async_feed = async_client.subscribe()
            asyncio.get_running_loop().call_later(0.2, asyncio.ensure_future,
                                                  async_client.close())
            self.assertEqual([e async for e in async_feed], [])
        asyncio.run(asyncio.wait_for(main(), 5))

    def test_close_from_another_thread_ends_the_iteration(self) -> None:
        feed = FakeFeed([([event("c1")], None)] + [([], None)] * 1000)
        server = FakeServer(feed=feed)
        self.addCleanup(server.stop)
        with PlenaryClient(server.address, initial_backoff=0.05, max_backoff=0.05) as client:
            subscription = client.subscribe()
            self.assertEqual(next(subscription).cursor, "c1")
            threading.Timer(0.2, subscription.close).start()
            start = time.monotonic()
            self.assertEqual(list(subscription), [])
            self.assertLess(time.monotonic() - start, 2)


if __name__ == "__main__":
    unittest.main()
