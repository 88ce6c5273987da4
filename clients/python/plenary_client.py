"""A small typed client for Plenary's gRPC services.

Wraps the stubs generated from proto/plenary/v1 (see generate.sh; the
generated ``plenary`` package must be importable) with the things every
caller otherwise rewrites: the publisher token, paging, and a feed
subscription that resumes from its cursor after the server ends the stream.

Errors are the ``grpc.RpcError`` the server answered (``error.code()`` is a
``grpc.StatusCode``), so callers match on codes, e.g. ``NOT_FOUND``.
"""

from __future__ import annotations

import random
import threading
from typing import Any, Iterable, Iterator, Optional, Sequence

import grpc

from plenary.v1 import (
    feed_service_pb2,
    feed_service_pb2_grpc,
    ingest_service_pb2,
    ingest_service_pb2_grpc,
    registry_service_pb2,
    registry_service_pb2_grpc,
    resolution_pb2,
    statement_pb2,
)

FeedEvent = feed_service_pb2.FeedEvent
Resolution = resolution_pb2.Resolution
Statement = statement_pb2.Statement

# The feed's contract: these end a stream that the client should reopen
# after its last cursor (server shutting down, reader too slow).
RESUMABLE_CODES = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED})


class FeedSubscription(Iterator[FeedEvent]):
    """An endless iterator over the feed's CREATED and REVISED events.

    It remembers the cursor of every event received, PROGRESS events (the
    stream's start and heartbeats) included, and when the stream ends with
    UNAVAILABLE, RESOURCE_EXHAUSTED or no error at all, it reopens it after
    that cursor, waiting between attempts with jittered exponential backoff.
    Nothing is skipped or repeated across reconnections. Other errors (e.g.
    INVALID_ARGUMENT for a cursor of another deployment) are raised.

    ``close()`` (or leaving a ``with`` block) cancels the stream; iteration
    then stops.
    """

    def __init__(
        self,
        stub: feed_service_pb2_grpc.FeedServiceStub,
        request: feed_service_pb2.SubscribeRequest,
        initial_backoff: float,
        max_backoff: float,
    ) -> None:
        self._stub = stub
        self._request = request
        self._initial_backoff = initial_backoff
        self._max_backoff = max_backoff
        self._closed = threading.Event()
        self._call: Optional[grpc.Call] = None
        self._events = self._follow()
        #: Cursor of the last event received; pass it as ``after_cursor`` to
        #: resume later exactly after what this subscription has yielded.
        self.cursor: Optional[str] = request.after_cursor or None
        #: How many times the stream was reopened.
        self.reconnects = 0

    def __iter__(self) -> FeedSubscription:
        return self

    def __next__(self) -> FeedEvent:
        return next(self._events)

    def __enter__(self) -> FeedSubscription:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Cancels the stream; safe from any thread, and more than once."""
        self._closed.set()
        call = self._call
        if call is not None:
            call.cancel()

    def _next_request(self) -> feed_service_pb2.SubscribeRequest:
        request = feed_service_pb2.SubscribeRequest()
        request.CopyFrom(self._request)
        if self.cursor:
            # after_cursor takes precedence over from_beginning on the server.
            request.after_cursor = self.cursor
        return request

    def _follow(self) -> Iterator[FeedEvent]:
        backoff = self._initial_backoff
        while not self._closed.is_set():
            call = self._stub.Subscribe(self._next_request())
            self._call = call
            if self._closed.is_set():  # close() ran before _call was set
                call.cancel()
            try:
                for event in call:
                    self.cursor = event.cursor
                    backoff = self._initial_backoff  # the server is back
                    if event.type != feed_service_pb2.FEED_EVENT_TYPE_PROGRESS:
                        yield event
            except grpc.RpcError as error:
                if self._closed.is_set():
                    return
                if error.code() not in RESUMABLE_CODES:
                    raise
            # Jitter spreads out the subscribers that a restart cut off together.
            if self._closed.wait(random.uniform(backoff / 2, backoff)):
                return
            backoff = min(backoff * 2, self._max_backoff)
            self.reconnects += 1


class PlenaryClient:
    """Client of plenary-registry (queries, feed) and plenary-ingest.

    Args:
        registry_address: ``host:port`` of plenary-registry.
        ingest_address: ``host:port`` of plenary-ingest; needed by ``ingest``.
        token: publisher token, sent as ``authorization: Bearer <token>``.
        credentials: TLS credentials; plaintext when None (local servers).
        initial_backoff, max_backoff: seconds between feed reconnections,
            doubling from the first to the second.
    """

    def __init__(
        self,
        registry_address: str,
        ingest_address: Optional[str] = None,
        token: Optional[str] = None,
        *,
        credentials: Optional[grpc.ChannelCredentials] = None,
        initial_backoff: float = 0.1,
        max_backoff: float = 5.0,
    ) -> None:
        # gRPC's own reconnection backoff (up to 120 s by default) would make
        # our resubscriptions fail fast long after the server is back.
        options = [
            ("grpc.initial_reconnect_backoff_ms", int(initial_backoff * 1000)),
            ("grpc.max_reconnect_backoff_ms", int(max_backoff * 1000)),
        ]
        self._channels = [self._open_channel(registry_address, credentials, options)]
        self._registry = registry_service_pb2_grpc.RegistryServiceStub(self._channels[0])
        self._feed = feed_service_pb2_grpc.FeedServiceStub(self._channels[0])
        self._ingest: Optional[ingest_service_pb2_grpc.IngestServiceStub] = None
        if ingest_address is not None:
            channel = self._open_channel(ingest_address, credentials, options)
            self._channels.append(channel)
            self._ingest = ingest_service_pb2_grpc.IngestServiceStub(channel)
        self._token = token
        self._initial_backoff = initial_backoff
        self._max_backoff = max_backoff

    @staticmethod
    def _open_channel(
        address: str, credentials: Optional[grpc.ChannelCredentials], options: list
    ) -> grpc.Channel:
        if credentials is None:
            return grpc.insecure_channel(address, options=options)
        return grpc.secure_channel(address, credentials, options=options)

    def close(self) -> None:
        """Closes the channels; open subscriptions end with them."""
        for channel in self._channels:
            channel.close()

    def __enter__(self) -> PlenaryClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Registry queries.

    def get_resolution(self, symbol: str, revision: int = 0) -> Resolution:
        """The resolution known by ``symbol`` in any of its forms ("64/222",
        "a/res/64/222", its title), at ``revision`` (0: the latest)."""
        request = registry_service_pb2.GetResolutionRequest(symbol=symbol, revision=revision)
        return self._registry.GetResolution(request)

    def get_resolutions(self, symbols: Sequence[str]) -> list[Resolution]:
        """The latest revision of each resolution, in the order asked;
        NOT_FOUND (naming them) if any symbol is unknown."""
        request = registry_service_pb2.BatchGetResolutionsRequest(symbols=symbols)
        return list(self._registry.BatchGetResolutions(request).resolutions)

    def get_statement(self, id: str, revision: int = 0) -> Statement:
        """The statement with this id, at ``revision`` (0: the latest)."""
        request = registry_service_pb2.GetStatementRequest(id=id, revision=revision)
        return self._registry.GetStatement(request)

    def iter_resolutions(self, **filters: Any) -> Iterator[Resolution]:
        """Every resolution matching ``filters``, fetching page after page.

        ``filters`` are fields of ListResolutionsRequest: ``body``,
        ``adopted`` (a DateRange), ``references``, ``text``, ``order_by``,
        ``page_size``.
        """
        request = registry_service_pb2.ListResolutionsRequest(**filters)
        while True:
            page = self._registry.ListResolutions(request)
            yield from page.resolutions
            if not page.next_page_token:
                return
            request.page_token = page.next_page_token

    def iter_statements(self, **filters: Any) -> Iterator[Statement]:
        """Every statement matching ``filters`` (fields of
        ListStatementsRequest: ``speaker``, ``date``, ``references``,
        ``text``, ``order_by``, ``page_size``), page after page."""
        request = registry_service_pb2.ListStatementsRequest(**filters)
        while True:
            page = self._registry.ListStatements(request)
            yield from page.statements
            if not page.next_page_token:
                return
            request.page_token = page.next_page_token

    def search(self, query: str, **filters: Any) -> registry_service_pb2.SearchResponse:
        """One page of ranked matches for ``query`` (web-search syntax), with
        total and facets. ``filters`` are fields of SearchRequest: ``kinds``,
        ``body``, ``date``, ``speaker``, ``references``, ``page_size``, and
        ``page_token`` (a previous response's ``next_page_token``)."""
        return self._registry.Search(registry_service_pb2.SearchRequest(query=query, **filters))

    # Ingestion.

    def ingest(
        self,
        content: bytes,
        media_type: str = "",
        source_uri: str = "",
        request_id: str = "",
    ) -> ingest_service_pb2.IngestDocumentResponse:
        """Stores a published document and the records read out of it.

        Idempotent: the same bytes or the same ``request_id`` again answer
        ``duplicate=True`` with the same entries. ``media_type`` is sniffed
        when empty. Without a token the server answers UNAUTHENTICATED.
        """
        if self._ingest is None:
            raise ValueError("PlenaryClient was created without an ingest_address")
        request = ingest_service_pb2.IngestDocumentRequest(
            content=content, media_type=media_type, source_uri=source_uri, request_id=request_id
        )
        return self._ingest.IngestDocument(request, metadata=self._auth_metadata())

    def _auth_metadata(self) -> Iterable[tuple[str, str]]:
        return (("authorization", f"Bearer {self._token}"),) if self._token else ()

    # The feed.

    def subscribe(
        self,
        after_cursor: Optional[str] = None,
        from_beginning: bool = False,
        **filters: Any,
    ) -> FeedSubscription:
        """Follows the feed of new and revised records, forever.

        Starts after ``after_cursor`` if given, else at the beginning of
        history if ``from_beginning``, else with what is committed from now
        on. ``filters`` are fields of SubscribeRequest: ``kinds`` (EntryKind
        values), ``bodies``, ``references``, ``query``. The stream opens
        at the first ``next()``, so "from now" means from then. The returned
        iterator resumes by itself after the server ends the stream; see
        FeedSubscription.
        """
        request = feed_service_pb2.SubscribeRequest(
            after_cursor=after_cursor or "", from_beginning=from_beginning, **filters
        )
        return FeedSubscription(self._feed, request, self._initial_backoff, self._max_backoff)
