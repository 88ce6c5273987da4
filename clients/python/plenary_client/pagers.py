"""Pagers of ListResolutions, ListStatements and Search.

A pager holds the first page, fetched when the method was called (so a bad
request fails there), and fetches the next ones as iteration reaches them,
each call with the same deadline and metadata as the first. Iterating a
pager yields the items of every page; ``pages()`` yields the responses.
"""

from __future__ import annotations

from typing import (AsyncIterator, Awaitable, Callable, Generic, Iterator, Sequence,
                    TypeVar)

from plenary_client.v1 import registry_service_pb2, resolution_pb2, statement_pb2

ResponseT = TypeVar("ResponseT", registry_service_pb2.ListResolutionsResponse,
                    registry_service_pb2.ListStatementsResponse,
                    registry_service_pb2.SearchResponse)
ItemT = TypeVar("ItemT")


class _Pager(Generic[ResponseT, ItemT]):
    def __init__(self, first: ResponseT, fetch: Callable[[str], ResponseT],
                 items: Callable[[ResponseT], Sequence[ItemT]]) -> None:
        self._first: ResponseT = first
        self._fetch: Callable[[str], ResponseT] = fetch
        self._items: Callable[[ResponseT], Sequence[ItemT]] = items

    @property
    def first_page(self) -> ResponseT:
        """The response of the call itself."""
        return self._first

    @property
    def next_page_token(self) -> str:
        """The first page's token: pass it as ``page_token`` to continue elsewhere."""
        return self._first.next_page_token

    @property
    def total_size(self) -> int:
        """How many records match in all (see the contract for its bounds)."""
        return self._first.total_size

    def pages(self) -> Iterator[ResponseT]:
        page = self._first
        yield page
        while page.next_page_token:
            page = self._fetch(page.next_page_token)
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            yield from self._items(page)


class ListResolutionsPager(
        _Pager[registry_service_pb2.ListResolutionsResponse, resolution_pb2.Resolution]):
    """Iterates the resolutions of every page of a ListResolutions call."""

    @property
    def total_size_is_lower_bound(self) -> bool:
        return self._first.total_size_is_lower_bound


class ListStatementsPager(
        _Pager[registry_service_pb2.ListStatementsResponse, statement_pb2.Statement]):
    """Iterates the statements of every page of a ListStatements call."""

    @property
    def total_size_is_lower_bound(self) -> bool:
        return self._first.total_size_is_lower_bound


class SearchPager(_Pager[registry_service_pb2.SearchResponse, registry_service_pb2.SearchResult]):
    """Iterates the results, best first, of every page of a Search call;
    the first page's results, total and facets are at hand."""

    @property
    def results(self) -> Sequence[registry_service_pb2.SearchResult]:
        """The first page's results."""
        return self._first.results

    @property
    def facets(self) -> Sequence[registry_service_pb2.Facet]:
        return self._first.facets

    @property
    def counts_are_lower_bounds(self) -> bool:
        return self._first.counts_are_lower_bounds


class _AsyncPager(Generic[ResponseT, ItemT]):
    def __init__(self, first: ResponseT, fetch: Callable[[str], Awaitable[ResponseT]],
                 items: Callable[[ResponseT], Sequence[ItemT]]) -> None:
        self._first: ResponseT = first
        self._fetch: Callable[[str], Awaitable[ResponseT]] = fetch
        self._items: Callable[[ResponseT], Sequence[ItemT]] = items

    @property
    def first_page(self) -> ResponseT:
        return self._first

    @property
    def next_page_token(self) -> str:
        return self._first.next_page_token

    @property
    def total_size(self) -> int:
        return self._first.total_size

    async def pages(self) -> AsyncIterator[ResponseT]:
        page = self._first
        yield page
        while page.next_page_token:
            page = await self._fetch(page.next_page_token)
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in self._items(page):
                yield item


class AsyncListResolutionsPager(
        _AsyncPager[registry_service_pb2.ListResolutionsResponse, resolution_pb2.Resolution]):
    """``async for`` over the resolutions of every page."""

    @property
    def total_size_is_lower_bound(self) -> bool:
        return self._first.total_size_is_lower_bound


class AsyncListStatementsPager(
        _AsyncPager[registry_service_pb2.ListStatementsResponse, statement_pb2.Statement]):
    """``async for`` over the statements of every page."""

    @property
    def total_size_is_lower_bound(self) -> bool:
        return self._first.total_size_is_lower_bound


class AsyncSearchPager(
        _AsyncPager[registry_service_pb2.SearchResponse, registry_service_pb2.SearchResult]):
    """``async for`` over the results of every page, best first."""

    @property
    def results(self) -> Sequence[registry_service_pb2.SearchResult]:
        return self._first.results

    @property
    def facets(self) -> Sequence[registry_service_pb2.Facet]:
        return self._first.facets

    @property
    def counts_are_lower_bounds(self) -> bool:
        return self._first.counts_are_lower_bounds
