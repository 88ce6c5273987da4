"""Typed errors: every failed call raises a PlenaryError subclass chosen by
its gRPC status code, with the original grpc.RpcError as __cause__.

What each code asks of the caller (the contract follows google.rpc codes):
UnavailableError: retry (unary calls were already retried, see README);
DeadlineExceededError: the call's deadline passed; InvalidArgumentError and
NotFoundError: fix the request; UnauthenticatedError: send a valid token.
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple, Type

import grpc


class PlenaryError(Exception):
    """A call that failed. ``code`` is its grpc.StatusCode, ``details`` the
    server's message; ``trailing_metadata`` what the server sent with it."""

    def __init__(self, code: grpc.StatusCode, details: str,
                 trailing_metadata: Sequence[Tuple[str, object]] = ()) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.trailing_metadata = tuple(trailing_metadata)


class CancelledError(PlenaryError):
    """CANCELLED: the call was cancelled (by the caller, or by a server that
    stopped). Not asyncio.CancelledError."""


class InvalidArgumentError(PlenaryError):
    """INVALID_ARGUMENT: the request is wrong; the message names the field."""


class DeadlineExceededError(PlenaryError):
    """DEADLINE_EXCEEDED: no answer before the call's deadline."""


class NotFoundError(PlenaryError):
    """NOT_FOUND: what was asked for does not exist."""


class AlreadyExistsError(PlenaryError):
    """ALREADY_EXISTS."""


class PermissionDeniedError(PlenaryError):
    """PERMISSION_DENIED: the token is valid but may not do this."""


class ResourceExhaustedError(PlenaryError):
    """RESOURCE_EXHAUSTED: too much at once, or a feed read too slowly."""


class FailedPreconditionError(PlenaryError):
    """FAILED_PRECONDITION: fix the state first, then retry."""


class AbortedError(PlenaryError):
    """ABORTED: a conflict; retry the whole operation."""


class UnimplementedError(PlenaryError):
    """UNIMPLEMENTED: the server does not offer this method."""


class InternalError(PlenaryError):
    """INTERNAL: a bug on the server's side."""


class UnavailableError(PlenaryError):
    """UNAVAILABLE: the server is down or restarting; retry later."""


class UnauthenticatedError(PlenaryError):
    """UNAUTHENTICATED: no token, or one the server does not know."""


_BY_CODE: Dict[grpc.StatusCode, Type[PlenaryError]] = {
    grpc.StatusCode.CANCELLED: CancelledError,
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExistsError,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDeniedError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPreconditionError,
    grpc.StatusCode.ABORTED: AbortedError,
    grpc.StatusCode.UNIMPLEMENTED: UnimplementedError,
    grpc.StatusCode.INTERNAL: InternalError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
    grpc.StatusCode.UNAUTHENTICATED: UnauthenticatedError,
}


def error_for(code: grpc.StatusCode, details: str,
              trailing_metadata: Optional[Sequence[Tuple[str, object]]] = None) -> PlenaryError:
    """The PlenaryError subclass for ``code``."""
    return _BY_CODE.get(code, PlenaryError)(code, details, trailing_metadata or ())


def from_rpc_error(error: grpc.RpcError) -> PlenaryError:
    """The typed error for a grpc.RpcError of the sync or the asyncio API."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN  # type: ignore[attr-defined]
    details = error.details() if hasattr(error, "details") else str(error)  # type: ignore[attr-defined]
    metadata = error.trailing_metadata() if hasattr(error, "trailing_metadata") else ()  # type: ignore[attr-defined]
    return error_for(code, details or "", metadata or ())
