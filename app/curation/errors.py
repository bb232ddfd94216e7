"""The errors writes can end in, each with its status and problem type."""

from app.core.errors import DomainError, InvalidParam


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class Unprocessable(DomainError):
    status = 422
    slug = "invalid-record"
    title = "Invalid record"

    def __init__(self, field: str, reason: str):
        super().__init__(
            f"{field}: {reason}", invalid_params=[InvalidParam(name=field, reason=reason)]
        )


class PreconditionFailed(DomainError):
    status = 412
    slug = "precondition-failed"
    title = "Precondition failed"


class PreconditionRequired(DomainError):
    status = 428
    slug = "precondition-required"
    title = "Precondition required"
