from typing import Annotated

from fastapi import Depends, Path

from app.core.db import SessionDep
from app.core.lookup import get_or_404
from app.models import Source


def load_source(
    source_id: Annotated[
        str,
        Path(
            description="A source id.", examples=["asiae-nato-approves-rok-representative-office"]
        ),
    ],
    session: SessionDep,
) -> Source:
    return get_or_404(session, Source, source_id, "source")


SourceDep = Annotated[Source, Depends(load_source)]
