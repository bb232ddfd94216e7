from sqlmodel import Field, SQLModel


class ServerSecret(SQLModel, table=True):
    """A secret the server made for itself (the cursor signing key), shared by every worker."""

    __tablename__ = "server_secret"

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)
