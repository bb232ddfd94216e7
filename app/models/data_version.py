from sqlmodel import Field, SQLModel


class DataVersion(SQLModel, table=True):
    """One row whose counter every committed write of record data bumps (app/core/data_version.py):
    what a cached read checks, in one indexed look-up, to know it is still current."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
