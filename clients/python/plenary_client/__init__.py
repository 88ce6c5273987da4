"""Typed client of Plenary's gRPC services: registry queries, ingestion and
the update feed, blocking (PlenaryClient) or asyncio (AsyncPlenaryClient).

Every call has a deadline (10 s by default, 60 s for ingest; ``timeout=``
per call), sends the client's metadata and token, and is retried with
backoff while the server answers UNAVAILABLE. Failures raise a PlenaryError
subclass per gRPC code (NotFoundError, UnauthenticatedError, ...). The
messages and stubs generated from proto/plenary/v1 are in plenary_client.v1.
"""

from plenary_client._aio import AsyncFeedSubscription, AsyncPlenaryClient
from plenary_client._common import (DEFAULT, DEFAULT_INGEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                                    DEFAULT_TIMEOUT, RESUMABLE_CODES, Kind, Metadata, Timeout)
from plenary_client._sync import FeedSubscription, PlenaryClient
from plenary_client.errors import (AbortedError, AlreadyExistsError, CancelledError,
                                   DeadlineExceededError, FailedPreconditionError,
                                   InternalError, InvalidArgumentError, NotFoundError,
                                   PermissionDeniedError, PlenaryError, ResourceExhaustedError,
                                   UnauthenticatedError, UnavailableError, UnimplementedError)
from plenary_client.pagers import (AsyncListResolutionsPager, AsyncListStatementsPager,
                                   AsyncSearchPager, ListResolutionsPager, ListStatementsPager,
                                   SearchPager)
from plenary_client.v1.entry_pb2 import (ENTRY_KIND_RESOLUTION, ENTRY_KIND_STATEMENT, Entry,
                                         EntryKind)
from plenary_client.v1.feed_service_pb2 import (FEED_EVENT_TYPE_CREATED,
                                                FEED_EVENT_TYPE_PROGRESS,
                                                FEED_EVENT_TYPE_REVISED, FeedEvent,
                                                FeedEventType)
from plenary_client.v1.ingest_service_pb2 import IngestDocumentResponse
from plenary_client.v1.partial_date_pb2 import PartialDate
from plenary_client.v1.registry_service_pb2 import DateRange, SearchResponse, SearchResult
from plenary_client.v1.resolution_pb2 import (VOTE_POSITION_ABSENT, VOTE_POSITION_ABSTAINING,
                                              VOTE_POSITION_AGAINST, VOTE_POSITION_IN_FAVOUR,
                                              MemberStateVoteFilter, Resolution, VotePosition)
from plenary_client.v1.statement_pb2 import Statement

__version__ = "0.2.0"

__all__ = [
    "AbortedError", "AlreadyExistsError", "AsyncFeedSubscription", "AsyncListResolutionsPager",
    "AsyncListStatementsPager", "AsyncPlenaryClient", "AsyncSearchPager", "CancelledError",
    "DEFAULT", "DEFAULT_INGEST_TIMEOUT", "DEFAULT_MAX_ATTEMPTS", "DEFAULT_TIMEOUT", "DateRange",
    "DeadlineExceededError", "ENTRY_KIND_RESOLUTION", "ENTRY_KIND_STATEMENT", "Entry",
    "EntryKind", "FEED_EVENT_TYPE_CREATED", "FEED_EVENT_TYPE_PROGRESS",
    "FEED_EVENT_TYPE_REVISED", "FailedPreconditionError", "FeedEvent", "FeedEventType",
    "FeedSubscription", "IngestDocumentResponse", "InternalError", "InvalidArgumentError",
    "Kind", "ListResolutionsPager", "ListStatementsPager", "MemberStateVoteFilter", "Metadata",
    "NotFoundError", "PartialDate", "PermissionDeniedError", "PlenaryClient", "PlenaryError",
    "RESUMABLE_CODES", "Resolution", "ResourceExhaustedError", "SearchPager", "SearchResponse",
    "SearchResult", "Statement", "Timeout", "UnauthenticatedError", "UnavailableError",
    "UnimplementedError", "VOTE_POSITION_ABSENT", "VOTE_POSITION_ABSTAINING",
    "VOTE_POSITION_AGAINST", "VOTE_POSITION_IN_FAVOUR", "VotePosition",
]
