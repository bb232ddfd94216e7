"""The errors writes can end in, each with its status and problem type."""

from app.core.errors import BadParameter, DomainError


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class Unprocessable(BadParameter):
    """A body field at fault: same shape as a bad query parameter, status 422."""

    status = 422
    slug = "invalid-record"
    title = "Invalid record"


class PreconditionFailed(DomainError):
    status = 412
    slug = "precondition-failed"
    title = "Precondition failed"


class PreconditionRequired(DomainError):
    status = 428
    slug = "precondition-required"
    title = "Precondition required"
