"""The service's configuration, from the environment (prefix LEXGRAPH_) or a .env file beside it.

LEXGRAPH_STORE=sqlite:///data/lexgraph.db      the graph to serve (graph.registry.open_store)
LEXGRAPH_API_KEYS=key-one,key-two              keys that may write (POST/DELETE); none: writes are refused
LEXGRAPH_READS_NEED_KEY=true                   close the reads too
LEXGRAPH_CORS_ORIGINS=https://intranet.example  browsers on these origins may call the API
LEXGRAPH_EXTRACT_WORKERS=2                     processes that extract uploaded files
LEXGRAPH_MAX_SECONDS=60, LEXGRAPH_MAX_MEMORY_MB=1024   what one uploaded file may cost to extract
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.registry import DEFAULT_URL
from ingest.pool import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_SECONDS, MIN_MEMORY_MB

MB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEXGRAPH_", env_file=".env", extra="ignore")

    store: str = Field(default=DEFAULT_URL, description="store URL: sqlite:///… or neo4j://…")
    # NoDecode: a plain comma-separated list in the environment, not JSON.
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    reads_need_key: bool = False
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_upload_bytes: int = Field(default=20 * MB, gt=0, description="per file")
    max_upload_files: int = Field(default=20, gt=0, description="per request")
    extract_workers: int = Field(default=2, gt=0, description="processes that extract uploaded files")
    max_seconds: float = Field(
        default=DEFAULT_MAX_SECONDS, gt=0, description="per uploaded file: time to read and extract it"
    )
    max_memory_mb: int = Field(
        default=DEFAULT_MAX_MEMORY_MB,
        ge=MIN_MEMORY_MB,
        description="per uploaded file: memory of the process extracting it, the pipeline included",
    )
    max_depth: int = Field(default=10, gt=0, description="deepest traversal a request may ask for")
    max_nodes: int = Field(default=2000, gt=0, description="most documents a traversal answer may hold")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def max_request_bytes(self) -> int:
        """A whole upload request: its files and the multipart framing around them."""
        return self.max_upload_bytes * self.max_upload_files + MB
