"""What the sync and the asyncio clients share: settings, channel options
(the retry policy), request building and the feed's resumption rules."""

from __future__ import annotations

import enum
import json
import random
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import grpc

from plenary_client.errors import PlenaryError, UnavailableError
from plenary_client.v1 import entry_pb2, feed_service_pb2, ingest_service_pb2, resolution_pb2

#: Deadline of a registry call (seconds) unless the client or the call says otherwise.
DEFAULT_TIMEOUT = 10.0
#: Deadline of an ingestion: a large document takes a while to read.
DEFAULT_INGEST_TIMEOUT = 60.0
#: Attempts of a unary call answered UNAVAILABLE (gRPC caps it at 5).
DEFAULT_MAX_ATTEMPTS = 5


class _Default(enum.Enum):
    DEFAULT = "the client's default"


#: Pass as ``timeout=`` (the default) to use the client's default deadline.
DEFAULT = _Default.DEFAULT

#: A call's deadline in seconds: DEFAULT for the client's, None for none.
Timeout = Union[float, None, _Default]
#: gRPC metadata: (key, value) pairs; keys are lower case.
Metadata = Sequence[Tuple[str, str]]
#: An EntryKind value (entry_pb2.ENTRY_KIND_STATEMENT) or its name.
Kind = Union["entry_pb2.EntryKind", str]


@dataclass(frozen=True)
class Settings:
    """A client's call options (see PlenaryClient's arguments)."""

    timeout: Optional[float]
    ingest_timeout: Optional[float]
    metadata: Tuple[Tuple[str, str], ...]
    reader_token: Optional[str]
    publisher_token: Optional[str]
    max_attempts: int
    initial_backoff: float
    max_backoff: float

    def deadline(self, timeout: Timeout, ingest: bool = False) -> Optional[float]:
        if timeout is DEFAULT:
            return self.ingest_timeout if ingest else self.timeout
        return timeout

    def metadata_for(self, extra: Metadata, ingest: bool = False) -> List[Tuple[str, str]]:
        token = self.publisher_token if ingest else self.reader_token
        metadata = list(self.metadata) + list(extra)
        if token:
            metadata.append(("authorization", f"Bearer {token}"))
        return metadata

    def channel_options(self) -> List[Tuple[str, Any]]:
        """gRPC's retry policy for the calls safe to repeat, and its
        reconnection backoff bounded like the feed's (its default grows to
        120 s, so a resubscription would fail fast long after the server
        is back)."""
        seconds = lambda value: f"{value:.3f}s"  # noqa: E731
        retry = {
            "maxAttempts": max(2, min(self.max_attempts, 5)),
            "initialBackoff": seconds(self.initial_backoff),
            "maxBackoff": seconds(self.max_backoff),
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        }
        # Every registry query reads; IngestDocument is idempotent (the same
        # bytes or request_id answer duplicate=true). The feed resumes itself.
        config: Dict[str, Any] = {"methodConfig": [{
            "name": [{"service": "plenary.v1.RegistryService"},
                     {"service": "plenary.v1.IngestService", "method": "IngestDocument"}],
            **({"retryPolicy": retry} if self.max_attempts > 1 else {}),
        }]}
        return [
            ("grpc.service_config", json.dumps(config)),
            ("grpc.enable_retries", 1 if self.max_attempts > 1 else 0),
            ("grpc.initial_reconnect_backoff_ms", max(1, int(self.initial_backoff * 1000))),
            ("grpc.max_reconnect_backoff_ms", max(1, int(self.max_backoff * 1000))),
        ]


def make_settings(
    timeout: Optional[float],
    ingest_timeout: Optional[float],
    metadata: Metadata,
    reader_token: Optional[str],
    publisher_token: Optional[str],
    max_attempts: int,
    initial_backoff: float,
    max_backoff: float,
) -> Settings:
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    if not 0 < initial_backoff <= max_backoff:
        raise ValueError("need 0 < initial_backoff <= max_backoff")
    return Settings(timeout, ingest_timeout, tuple(metadata), reader_token, publisher_token,
                    max_attempts, initial_backoff, max_backoff)


def ingest_request(content: bytes, media_type: str, source_uri: str, request_id: str,
                   published_at: Optional[datetime]) -> ingest_service_pb2.IngestDocumentRequest:
    request = ingest_service_pb2.IngestDocumentRequest(
        content=content, media_type=media_type, source_uri=source_uri, request_id=request_id)
    if published_at is not None:
        if published_at.tzinfo is None:
            raise ValueError("published_at needs a time zone (e.g. datetime.now(timezone.utc))")
        request.published_at.FromDatetime(published_at.astimezone(timezone.utc))
    return request


def subscribe_request(
    after_cursor: Optional[str], from_beginning: bool, kinds: Sequence[Kind],
    bodies: Sequence[str], references: Sequence[str], query: str,
    member_state_votes: Sequence[resolution_pb2.MemberStateVoteFilter],
) -> feed_service_pb2.SubscribeRequest:
    return feed_service_pb2.SubscribeRequest(
        after_cursor=after_cursor or "", from_beginning=from_beginning, kinds=kinds,
        bodies=bodies, references=references, query=query,
        member_state_votes=member_state_votes)


# The feed's rules: these end a stream that the client reopens after its last
# cursor. UNAVAILABLE: the server is shutting down (or not up yet);
# RESOURCE_EXHAUSTED: this reader was too slow; CANCELLED: a server that
# stopped cancelled it (ours are told apart by Resumption.closed).
RESUMABLE_CODES = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED,
                             grpc.StatusCode.CANCELLED})


class Resumption:
    """The state a feed subscription keeps across streams: the last cursor,
    the backoff, and the count of reconnections."""

    def __init__(self, request: feed_service_pb2.SubscribeRequest, settings: Settings,
                 max_reconnects: Optional[int]) -> None:
        self._request = request
        self._settings = settings
        self._max_reconnects = max_reconnects
        self._backoff = settings.initial_backoff
        self._failures = 0  # resubscriptions in a row that received nothing
        self.cursor: Optional[str] = request.after_cursor or None
        self.reconnects = 0

    def next_request(self) -> feed_service_pb2.SubscribeRequest:
        request = feed_service_pb2.SubscribeRequest()
        request.CopyFrom(self._request)
        if self.cursor:
            # after_cursor takes precedence over from_beginning on the server.
            request.after_cursor = self.cursor
        return request

    def received(self, event: feed_service_pb2.FeedEvent) -> bool:
        """Records the event's cursor; true when it is one to yield."""
        self.cursor = event.cursor
        self._backoff = self._settings.initial_backoff  # the server is back
        self._failures = 0
        return event.type != feed_service_pb2.FEED_EVENT_TYPE_PROGRESS

    def wait_after(self, error: Optional[PlenaryError]) -> float:
        """Seconds to wait before resubscribing after a stream that ended with
        ``error`` (None: it ended without one); raises ``error`` when it is not
        resumable or max_reconnects resubscriptions in a row failed."""
        if error is not None and error.code not in RESUMABLE_CODES:
            raise error
        self._failures += 1
        if self._max_reconnects is not None and self._failures > self._max_reconnects:
            raise error or UnavailableError(grpc.StatusCode.UNAVAILABLE,
                                            "the feed stream kept ending without an event")
        # Jitter spreads out the subscribers that a restart cut off together.
        wait = random.uniform(self._backoff / 2, self._backoff)
        self._backoff = min(self._backoff * 2, self._settings.max_backoff)
        self.reconnects += 1
        return wait
