"""The asyncio client, on grpc.aio: the same methods as PlenaryClient, as
coroutines, with async pagers and an async feed subscription."""

from __future__ import annotations

import asyncio
import weakref
from datetime import datetime
from typing import Any, AsyncGenerator, AsyncIterator, Awaitable, Dict, List, Optional, Sequence, Tuple, TypeVar

import grpc
import grpc.aio

from plenary_client import _common
from plenary_client._common import DEFAULT, Kind, Metadata, Timeout
from plenary_client.errors import PlenaryError, from_rpc_error
from plenary_client.pagers import (AsyncListResolutionsPager, AsyncListStatementsPager,
                                   AsyncSearchPager)
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


async def _call(call: Awaitable[T]) -> T:
    try:
        return await call
    except grpc.RpcError as error:
        raise from_rpc_error(error) from error


class AsyncFeedSubscription(AsyncIterator[feed_service_pb2.FeedEvent]):
    """FeedSubscription for ``async for``: the same resumption rules.

    ``close()`` (also ``async with`` or leaving the loop with ``aclose()``)
    cancels the stream and ends the iteration.
    """

    def __init__(self, stub: feed_service_pb2_grpc.FeedServiceStub,
                 resumption: _common.Resumption, metadata: List[Tuple[str, str]]) -> None:
        self._stub = stub
        self._resumption = resumption
        self._metadata = metadata
        self._closed = asyncio.Event()
        self._call: Optional[grpc.aio.UnaryStreamCall] = None
        self._events = self._follow()

    @property
    def cursor(self) -> Optional[str]:
        """Cursor of the last event received (see FeedSubscription.cursor)."""
        return self._resumption.cursor

    @property
    def reconnects(self) -> int:
        return self._resumption.reconnects

    def __aiter__(self) -> AsyncFeedSubscription:
        return self

    async def __anext__(self) -> feed_service_pb2.FeedEvent:
        return await self._events.__anext__()

    async def __aenter__(self) -> AsyncFeedSubscription:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Cancels the stream; iteration then ends. Safe more than once."""
        self._closed.set()
        if self._call is not None:
            self._call.cancel()

    async def aclose(self) -> None:
        self.close()
        await self._events.aclose()

    async def _follow(self) -> AsyncGenerator[feed_service_pb2.FeedEvent, None]:
        while not self._closed.is_set():
            call = self._stub.Subscribe(self._resumption.next_request(), metadata=self._metadata)
            self._call = call  # type: ignore[assignment]
            error: Optional[PlenaryError] = None
            try:
                async for event in call:  # type: ignore[attr-defined]
                    if self._resumption.received(event):
                        yield event
            except grpc.RpcError as raw:
                if self._closed.is_set():
                    return
                error = from_rpc_error(raw)
                error.__cause__ = raw  # kept when it is raised below, as a call's is
            except asyncio.CancelledError:
                if self._closed.is_set():
                    return  # grpc.aio raises this when close() cancelled the call
                raise
            finally:
                call.cancel()
            if self._closed.is_set():
                return
            try:
                wait = self._resumption.wait_after(error)
            except PlenaryError as final:
                raise final from final.__cause__
            try:
                await asyncio.wait_for(self._closed.wait(), wait)
                return  # closed while waiting
            except asyncio.TimeoutError:
                pass


class AsyncPlenaryClient:
    """asyncio client of plenary-registry and plenary-ingest; the arguments
    are PlenaryClient's. Create it inside a running event loop, and close it
    with ``await client.close()`` or ``async with``."""

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
        self._subscriptions: "weakref.WeakSet[AsyncFeedSubscription]" = weakref.WeakSet()

    @staticmethod
    def _open_channel(address: str, credentials: Optional[grpc.ChannelCredentials],
                      options: List[Tuple[str, Any]]) -> grpc.aio.Channel:
        if credentials is None:
            return grpc.aio.insecure_channel(address, options=options)
        return grpc.aio.secure_channel(address, credentials, options=options)

    async def close(self) -> None:
        """Closes the channels; open subscriptions end with them."""
        for subscription in list(self._subscriptions):
            subscription.close()
        for channel in self._channels:
            await channel.close()

    async def __aenter__(self) -> AsyncPlenaryClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def _options(self, timeout: Timeout, metadata: Metadata) -> Dict[str, Any]:
        return {"timeout": self._settings.deadline(timeout),
                "metadata": self._settings.metadata_for(metadata)}

    async def get_resolution(self, symbol: str, revision: int = 0, *,
                             timeout: Timeout = DEFAULT,
                             metadata: Metadata = ()) -> resolution_pb2.Resolution:
        """See PlenaryClient.get_resolution."""
        request = registry_service_pb2.GetResolutionRequest(symbol=symbol, revision=revision)
        return await _call(self._registry.GetResolution(request, **self._options(timeout, metadata)))

    async def get_resolutions(self, symbols: Sequence[str], *, timeout: Timeout = DEFAULT,
                              metadata: Metadata = ()) -> List[resolution_pb2.Resolution]:
        """See PlenaryClient.get_resolutions."""
        request = registry_service_pb2.BatchGetResolutionsRequest(symbols=symbols)
        response = await _call(self._registry.BatchGetResolutions(
            request, **self._options(timeout, metadata)))
        return list(response.resolutions)

    async def get_statement(self, id: str, revision: int = 0, *, timeout: Timeout = DEFAULT,
                            metadata: Metadata = ()) -> statement_pb2.Statement:
        """See PlenaryClient.get_statement."""
        request = registry_service_pb2.GetStatementRequest(id=id, revision=revision)
        return await _call(self._registry.GetStatement(request, **self._options(timeout, metadata)))

    async def list_resolutions(
        self, *, body: str = "", adopted: Optional[registry_service_pb2.DateRange] = None,
        references: str = "", text: str = "", order_by: str = "",
        member_state_vote: Optional[resolution_pb2.MemberStateVoteFilter] = None,
        page_size: int = 0, page_token: str = "", timeout: Timeout = DEFAULT,
        metadata: Metadata = (),
    ) -> AsyncListResolutionsPager:
        """See PlenaryClient.list_resolutions; ``async for`` over the pager."""
        request = registry_service_pb2.ListResolutionsRequest(
            body=body, adopted=adopted, references=references, text=text, order_by=order_by,
            member_state_vote=member_state_vote, page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        async def fetch(token: str) -> registry_service_pb2.ListResolutionsResponse:
            request.page_token = token
            return await _call(self._registry.ListResolutions(request, **options))

        return AsyncListResolutionsPager(await fetch(page_token), fetch,
                                         lambda page: page.resolutions)

    async def list_statements(
        self, *, speaker: str = "", date: Optional[registry_service_pb2.DateRange] = None,
        references: str = "", text: str = "", order_by: str = "", page_size: int = 0,
        page_token: str = "", timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> AsyncListStatementsPager:
        """See PlenaryClient.list_statements; ``async for`` over the pager."""
        request = registry_service_pb2.ListStatementsRequest(
            speaker=speaker, date=date, references=references, text=text, order_by=order_by,
            page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        async def fetch(token: str) -> registry_service_pb2.ListStatementsResponse:
            request.page_token = token
            return await _call(self._registry.ListStatements(request, **options))

        return AsyncListStatementsPager(await fetch(page_token), fetch,
                                        lambda page: page.statements)

    async def search(
        self, query: str, *, kinds: Sequence[Kind] = (), body: str = "",
        date: Optional[registry_service_pb2.DateRange] = None, speaker: str = "",
        references: str = "", page_size: int = 0, page_token: str = "",
        timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> AsyncSearchPager:
        """See PlenaryClient.search; ``async for`` over the pager."""
        request = registry_service_pb2.SearchRequest(
            query=query, kinds=kinds, body=body, date=date, speaker=speaker,
            references=references, page_size=page_size, page_token=page_token)
        options = self._options(timeout, metadata)

        async def fetch(token: str) -> registry_service_pb2.SearchResponse:
            request.page_token = token
            return await _call(self._registry.Search(request, **options))

        return AsyncSearchPager(await fetch(page_token), fetch, lambda page: page.results)

    async def ingest(
        self, content: bytes, *, media_type: str = "", source_uri: str = "",
        request_id: str = "", published_at: Optional[datetime] = None,
        timeout: Timeout = DEFAULT, metadata: Metadata = (),
    ) -> ingest_service_pb2.IngestDocumentResponse:
        """See PlenaryClient.ingest."""
        if self._ingest is None:
            raise ValueError("AsyncPlenaryClient was created without an ingest_address")
        request = _common.ingest_request(content, media_type, source_uri, request_id,
                                         published_at)
        return await _call(self._ingest.IngestDocument(
            request, timeout=self._settings.deadline(timeout, ingest=True),
            metadata=self._settings.metadata_for(metadata, ingest=True)))

    def subscribe(
        self, *, after_cursor: Optional[str] = None, from_beginning: bool = False,
        kinds: Sequence[Kind] = (), bodies: Sequence[str] = (), references: Sequence[str] = (),
        query: str = "", member_state_votes: Sequence[resolution_pb2.MemberStateVoteFilter] = (),
        max_reconnects: Optional[int] = None, metadata: Metadata = (),
    ) -> AsyncFeedSubscription:
        """See PlenaryClient.subscribe; ``async for event in subscription``."""
        request = _common.subscribe_request(after_cursor, from_beginning, kinds, bodies,
                                            references, query, member_state_votes)
        resumption = _common.Resumption(request, self._settings, max_reconnects)
        subscription = AsyncFeedSubscription(self._feed, resumption,
                                             self._settings.metadata_for(metadata))
        self._subscriptions.add(subscription)
        return subscription
