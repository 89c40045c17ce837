"""JSON straight from the graph's models. A route that returns a model has FastAPI validate it again against
its response model before writing it; the graph's answers are validated models already, and a tree of a
thousand documents costs tens of milliseconds to check twice. Routes that can answer large declare their
`response_model` (for the OpenAPI document) and return these."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from fastapi import Response
from pydantic import BaseModel, TypeAdapter


def model_json(model: BaseModel) -> Response:
    return Response(model.model_dump_json(), media_type="application/json")


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    # A list of a model given at run time, which no static type can name.
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def models_json(models: Sequence[BaseModel], model: type[BaseModel]) -> Response:
    return Response(_list_adapter(model).dump_json(list(models)), media_type="application/json")
