"""The blocking client."""

from __future__ import annotations

import threading
import weakref
from datetime import datetime
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, TypeVar

import grpc

from plenary_client import _common
from plenary_client._common import DEFAULT, Kind, Metadata, Timeout
from plenary_client.errors import PlenaryError, from_rpc_error
from plenary_client.pagers import ListResolutionsPager, ListStatementsPager, SearchPager
from plenary_client.v1 import (
    feed_service_pb2,
    feed_service_pb2_grpc,
    ingest_service_pb2,
    ingest_service_pb2_grpc,
    registry_service_pb2,
    registry_service_pb2_grpc,
    resolution_pb2,
    statement_pb2,
)

T = TypeVar("T")


def _call(method: Callable[[], T]) -> T:
    try:
        return method()
    except grpc.RpcError as error:
        raise from_rpc_error(error) from error


class FeedSubscription(Iterator[feed_service_pb2.FeedEvent]):
    """An endless iterator over the feed's CREATED and REVISED events.

    It remembers the cursor of every event received, PROGRESS events (the
    stream's start and heartbeats) included. When the stream ends with
    UNAVAILABLE, RESOURCE_EXHAUSTED, a CANCELLED that ``close()`` did not
    cause (a server that stops), or no error at all, it resubscribes after
    that cursor, waiting between attempts with jittered exponential backoff:
    nothing is skipped or repeated. It gives up only when closed, or when
    ``max_reconnects`` resubscriptions in a row received nothing (then it
    raises the last error). Other errors (INVALID_ARGUMENT for a cursor of
    another deployment, UNAUTHENTICATED) are raised as PlenaryError.

    ``close()`` (thread-safe; also leaving a ``with`` block) cancels the
    stream, and iteration stops. The stream opens at the first ``next()``.
    """

    def __init__(self, stub: feed_service_pb2_grpc.FeedServiceStub,
                 resumption: _common.Resumption, metadata: List[Tuple[str, str]]) -> None:
        self._stub = stub
        self._resumption = resumption
        self._metadata = metadata
        self._closed = threading.Event()
        self._call: Optional[grpc.Future] = None
        self._events = self._follow()

    @property
    def cursor(self) -> Optional[str]:
        """Cursor of the last event received; pass it as ``after_cursor`` to
        resume later exactly after what this subscription has read."""
        return self._resumption.cursor

    @property
    def reconnects(self) -> int:
        """How many times the stream was reopened."""
        return self._resumption.reconnects

    def __iter__(self) -> FeedSubscription:
        return self

    def __next__(self) -> feed_service_pb2.FeedEvent:
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

    def _follow(self) -> Iterator[feed_service_pb2.FeedEvent]:
        while not self._closed.is_set():
            call = self._stub.Subscribe(self._resumption.next_request(), metadata=self._metadata)
            self._call = call
            if self._closed.is_set():  # close() ran before _call was set
                call.cancel()
            error: Optional[PlenaryError] = None
            try:
                for event in call:
                    if self._resumption.received(event):
                        yield event
            except grpc.RpcError as raw:
                if self._closed.is_set():
                    return
                error = from_rpc_error(raw)
                error.__cause__ = raw  # kept when it is raised below, as a call's is
            finally:
                call.cancel()
            if self._closed.is_set():
                return
            try:
                wait = self._resumption.wait_after(error)
            except PlenaryError as final:
                raise final from final.__cause__
            if self._closed.wait(wait):
                return


class PlenaryClient:
    """Blocking client of plenary-registry (queries, feed) and plenary-ingest.

    Args:
        registry_address: ``host:port`` of plenary-registry.
        ingest_address: ``host:port`` of plenary-ingest; needed by ``ingest``.
        publisher_token: sent to plenary-ingest as ``authorization: Bearer``.
        reader_token: sent to plenary-registry, for a registry started with
            ``--reader-tokens``.
        credentials: TLS credentials; plaintext when None (local servers).
        timeout: default deadline of a registry call in seconds (None: no
            deadline); each method's ``timeout=`` overrides it.
        ingest_timeout: default deadline of ``ingest``.
        metadata: sent with every call, e.g. ``[("x-request-source", "etl")]``.
        max_attempts: attempts of a call answered UNAVAILABLE (1: no retry;
            gRPC caps it at 5). Every unary method is safe to repeat.
        initial_backoff, max_backoff: seconds between retries and between
            feed resubscriptions, doubling from the first to the second.
        channel_options: more gRPC channel arguments.
    """

    def __init__(
        self,
        registry_address: str,
        ingest_address: Optional[str] = None,
        publisher_token: Optional[str] = None,
        *,
        reader_token: Optional[str] = None,
        credentials: Optional[grpc.ChannelCredentials] = None,
        timeout: Optional[float] = _common.DEFAULT_TIMEOUT,
        ingest_timeout: Optional[float] = _common.DEFAULT_INGEST_TIMEOUT,
        metadata: Metadata = (),
        max_attempts: int = _common.DEFAULT_MAX_ATTEMPTS,
        initial_backoff: float = 0.1,
        max_backoff: float = 5.0,
        channel_options: Sequence[Tuple[str, Any]] = (),
    ) -> None:
        self._settings = _common.make_settings(timeout, ingest_timeout, metadata, reader_token,
                                               publisher_token, max_attempts, initial_backoff,
                                               max_backoff)
        options = self._settings.channel_options() + list(channel_options)
        self._channels = [self._open_channel(registry_address, credentials, options)]
        self._registry = registry_service_pb2_grpc.RegistryServiceStub(self._channels[0])
        self._feed = feed_service_pb2_grpc.FeedServiceStub(self._channels[0])
        self._ingest: Optional[ingest_service_pb2_grpc.IngestServiceStub] = None
        if ingest_address is not None:
            channel = self._open_channel(ingest_address, credentials, options)
            self._channels.append(channel)
            self._ingest = ingest_service_pb2_grpc.IngestServiceStub(channel)
        self._subscriptions: "weakref.WeakSet[FeedSubscription]" = weakref.WeakSet()

    @staticmethod
    def _open_channel(address: str, credentials: Optional[grpc.ChannelCredentials],
                      options: List[Tuple[str, Any]]) -> grpc.Channel:
        if credentials is None:
            return grpc.insecure_channel(address, options=options)
        return grpc.secure_channel(address, credentials, options=options)

    def close(self) -> None:
        """Closes the channels; open subscriptions end with them (their
        iteration stops, as after their own close())."""
        for subscription in list(self._subscriptions):
            subscription.close()
        for channel in self._channels:
            channel.close()

    def __enter__(self) -> PlenaryClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _options(self, timeout: Timeout, metadata: Metadata) -> Dict[str, Any]:
        return {"timeout": self._settings.deadline(timeout),
                "metadata": self._settings.metadata_for(metadata)}

    # Registry queries.

    def get_resolution(self, symbol: str, revision: int = 0, *, timeout: Timeout = DEFAULT,
                       metadata: Metadata = ()) -> resolution_pb2.Resolution:
        """The resolution known by ``symbol`` in any of its forms ("64/222",
        "a/res/64/222", its title), at ``revision`` (0: the latest).
        Raises NotFoundError when there is none."""
        request = registry_service_pb2.GetResolutionRequest(symbol=symbol, revision=revision)
        return _call(lambda: self._registry.GetResolution(request,
                                                          **self._options(timeout, metadata)))

    def get_resolutions(self, symbols: Sequence[str], *, timeout: Timeout = DEFAULT,
                        metadata: Metadata = ()) -> List[resolution_pb2.Resolution]:
        """The latest revision of each resolution, in the order asked;
        NotFoundError (naming them) if any symbol is unknown."""
        request = registry_service_pb2.BatchGetResolutionsRequest(symbols=symbols)
        response = _call(lambda: self._registry.BatchGetResolutions(
            request, **self._options(timeout, metadata)))
        return list(response.resolutions)

    def get_statement(self, id: str, revision: int = 0, *, timeout: Timeout = DEFAULT,
                      metadata: Metadata = ()) -> statement_pb2.Statement:
        """The statement with this id, at ``revision`` (0: the latest)."""
        request = registry_service_pb2.GetStatementRequest(id=id, revision=revision)
        return _call(lambda: self._registry.GetStatement(request,
                                                         **self._options(timeout, metadata)))

    def list_resolutions(
        self, *, body: str = "", adopted: Optional[registry_service_pb2.DateRange] = None,
        references: str = "", text: str = "", order_by: str = "",
        member_state_vote: Optional[resolution_pb2.MemberStateVoteFilter] = None,
        page_size: int = 0, page_token: str = "", timeout: Timeout = DEFAULT,
        metadata: Metadata = (),
    ) -> ListResolutionsPager:
        """Resolutions matching the filters; iterate the pager for all of them.

        body: adopting organ ("General Assembly"); adopted: a DateRange;
        references: cites this symbol; text: words in title or paragraphs;
        order_by: "symbol" (default) or "adopted", optionally + " desc";
        member_state_vote: a MemberStateVoteFilter, e.g.
        ``MemberStateVoteFilter(member_state="USA", position=VOTE_POSITION_AGAINST)``
        (a code or a name; the position by value or name, or none for any);
        page_size: per page (default 50, at most 1000). InvalidArgumentError
        naming ``member_state_vote.member_state`` for an unknown Member State.
        """
        request = registry_service_pb2.ListResolutionsRequest(
            body=body, adopted=adopted, references=references, text=text, order_by=order_by,
            member_state_vote=member_state_vote, page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        def fetch(token: str) -> registry_service_pb2.ListResolutionsResponse:
            request.page_token = token
            return _call(lambda: self._registry.ListResolutions(request, **options))

        return ListResolutionsPager(fetch(page_token), fetch, lambda page: page.resolutions)

    def list_statements(
        self, *, speaker: str = "", date: Optional[registry_service_pb2.DateRange] = None,
        references: str = "", text: str = "", order_by: str = "", page_size: int = 0,
        page_token: str = "", timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> ListStatementsPager:
        """Statements matching the filters; iterate the pager for all of them.

        order_by: "date" or "id", optionally + " desc" (default "date desc").
        """
        request = registry_service_pb2.ListStatementsRequest(
            speaker=speaker, date=date, references=references, text=text, order_by=order_by,
            page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        def fetch(token: str) -> registry_service_pb2.ListStatementsResponse:
            request.page_token = token
            return _call(lambda: self._registry.ListStatements(request, **options))

        return ListStatementsPager(fetch(page_token), fetch, lambda page: page.statements)

    def search(
        self, query: str, *, kinds: Sequence[Kind] = (), body: str = "",
        date: Optional[registry_service_pb2.DateRange] = None, speaker: str = "",
        references: str = "", page_size: int = 0, page_token: str = "",
        timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> SearchPager:
        """Ranked matches for ``query`` (web-search syntax). The pager has the
        first page's ``results``, ``total_size`` and ``facets``; iterating it
        reads the following pages too (Search ends after 10,000 results)."""
        request = registry_service_pb2.SearchRequest(
            query=query, kinds=kinds, body=body, date=date, speaker=speaker,
            references=references, page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        def fetch(token: str) -> registry_service_pb2.SearchResponse:
            request.page_token = token
            return _call(lambda: self._registry.Search(request, **options))

        return SearchPager(fetch(page_token), fetch, lambda page: page.results)

    # Ingestion.

    def ingest(
        self, content: bytes, *, media_type: str = "", source_uri: str = "",
        request_id: str = "", published_at: Optional[datetime] = None,
        timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> ingest_service_pb2.IngestDocumentResponse:
        """Stores a published document and the records read out of it.

        Idempotent: the same bytes or the same ``request_id`` again answer
        ``duplicate=True`` with the same entries (so a call retried after
        UNAVAILABLE may answer that too). ``media_type`` is sniffed when
        empty. Raises UnauthenticatedError without a valid publisher token.
        """
        if self._ingest is None:
            raise ValueError("PlenaryClient was created without an ingest_address")
        stub = self._ingest
        request = _common.ingest_request(content, media_type, source_uri, request_id,
                                         published_at)
        return _call(lambda: stub.IngestDocument(
            request, timeout=self._settings.deadline(timeout, ingest=True),
            metadata=self._settings.metadata_for(metadata, ingest=True)))

    # The feed.

    def subscribe(
        self, *, after_cursor: Optional[str] = None, from_beginning: bool = False,
        kinds: Sequence[Kind] = (), bodies: Sequence[str] = (), references: Sequence[str] = (),
        query: str = "", member_state_votes: Sequence[resolution_pb2.MemberStateVoteFilter] = (),
        max_reconnects: Optional[int] = None, metadata: Metadata = (),
    ) -> FeedSubscription:
        """Follows the feed of new and revised records, forever.

        Starts after ``after_cursor`` if given, else at the beginning of
        history if ``from_beginning``, else with what is committed from now
        on. Filters: ``kinds`` (entry_pb2.ENTRY_KIND_* or their names),
        ``bodies``, ``references``, ``query``, ``member_state_votes`` (up to
        32 MemberStateVoteFilters, any of which may match; resolutions only).
        The stream has no deadline and resumes by itself (see
        FeedSubscription); ``max_reconnects`` (None: forever) bounds the
        resubscriptions in a row that receive nothing.
        """
        request = _common.subscribe_request(after_cursor, from_beginning, kinds, bodies,
                                            references, query, member_state_votes)
        resumption = _common.Resumption(request, self._settings, max_reconnects)
        subscription = FeedSubscription(self._feed, resumption,
                                        self._settings.metadata_for(metadata))
        self._subscriptions.add(subscription)
        return subscription
