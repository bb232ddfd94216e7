"""Routes under /keys: API key management (admin scope) and a key's view of itself."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response

from app.auth import service
from app.auth.dependencies import AdminDep, KeyHolderDep
from app.auth.schemas import KeyCreate, KeyCreated, KeyRead
from app.core.db import SessionDep
from app.core.errors import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, NotFound, Problem
from app.core.pagination import Page, PageParams, build_page, page_params, paginate
from app.models.api_key import ApiKey


def _no_store(response: Response) -> None:
    # Key metadata, and above all a new key, must not sit in any cache (RFC 9111 §5.2.2.5).
    response.headers["Cache-Control"] = "no-store"


AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {
        "model": Problem,
        "description": "No API key, or not a valid one (unknown, revoked, expired).",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
    403: {
        "model": Problem,
        "description": "The key lacks the scope this route needs.",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
}

router = APIRouter(
    prefix="/keys",
    tags=["keys"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(_no_store)],
)

KeyId = Annotated[str, Path(max_length=40, description="The key's id (not the key itself).")]


@router.get("")
def list_keys(
    _admin: AdminDep,
    session: SessionDep,
    request: Request,
    params: Annotated[PageParams, Depends(page_params)],
) -> Page[KeyRead]:
    """Every API key, revoked and expired ones too; never a secret."""
    keys, next_cursor = paginate(session, service.keys_query(), ApiKey.id, params)
    return build_page([KeyRead.of(key) for key in keys], next_cursor, params, request)


@router.post("", status_code=201)
def create_key(_admin: AdminDep, session: SessionDep, key_in: KeyCreate) -> KeyCreated:
    """Create a key; the key itself is in this answer only and cannot be shown again."""
    key, plaintext = service.create_key(
        session,
        name=key_in.name,
        scopes=key_in.scopes,
        expires_in_days=key_in.expires_in_days,
        expires_at=key_in.expires_at,
    )
    return KeyCreated(**KeyRead.of(key).model_dump(), key=plaintext)


@router.get("/me")
def read_own_key(principal: KeyHolderDep, session: SessionDep) -> KeyRead:
    """The key this request is made with: its id, name, scopes and expiry."""
    key = service.get_key(session, principal.key_id or "")
    if key is None:  # deleted between authentication and now
        raise NotFound("This API key no longer exists.")
    return KeyRead.of(key)


@router.delete("/{key_id}", status_code=204)
def revoke_key(_admin: AdminDep, session: SessionDep, key_id: KeyId) -> Response:
    """Revoke a key at once; revoking it again changes nothing."""
    if service.revoke_key(session, key_id) is None:
        raise NotFound(f"No API key with id '{key_id}'.")
    return Response(status_code=204, headers={"Cache-Control": "no-store"})
