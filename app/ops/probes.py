"""GET /livez (the process answers) and GET /readyz (database reachable, schema at head)."""

from alembic.script import ScriptDirectory
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from app.core.db import SessionDep
from app.core.migrate import alembic_config

router = APIRouter(tags=["operations"])


class Liveness(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    """Whether this instance should get traffic, and why not."""

    status: str = Field(examples=["ok"], description="`ok` or `unavailable`.")
    database: bool = Field(description="Whether the database answered.")
    revision: str | None = Field(description="The schema revision the database is at.")
    head: str = Field(description="The latest revision of the migrations this code ships.")


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return head or "base"


def _database_revision(session: Session) -> tuple[bool, str | None]:
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        return False, None
    try:
        # Alembic's own record of the revision (read directly: its MigrationContext logs).
        rows = session.exec(text("SELECT version_num FROM alembic_version"))  # type: ignore[call-overload]
        return True, next((row[0] for row in rows), None)
    except SQLAlchemyError:
        session.rollback()
        return True, None


@router.get("/livez", response_model=Liveness, summary="Liveness probe")
def livez() -> Liveness:
    """200 while the process serves requests; touches nothing else."""
    return Liveness(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness probe",
    responses={503: {"model": Readiness, "description": "Not ready: see the fields."}},
)
def readyz(session: SessionDep) -> JSONResponse:
    """200 when the database answers and its schema is at the migrations' head; else 503."""
    reachable, revision = _database_revision(session)
    head = head_revision()
    ready = reachable and revision == head
    body = Readiness(
        status="ok" if ready else "unavailable", database=reachable, revision=revision, head=head
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
