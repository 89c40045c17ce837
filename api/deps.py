"""What routes are given: the store the app serves and its settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph import GraphStore


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store  # what api/app.py put there (the state is untyped)
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Store = Annotated[GraphStore, Depends(get_store)]
AppSettings = Annotated[Settings, Depends(get_settings)]
