"""The service keeps the promises of its OpenAPI document: schemathesis generates requests for every operation
from /openapi.json and checks each answer — never a server error, only documented status codes and content
types, bodies that match their schemas.

`make schemathesis` runs the same checks against a live `lexgraph serve` with the schemathesis command line.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.settings import Settings
from graph import open_store

KEY = "khoa-kiem-thu-schemathesis"
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


def test_every_operation_answers_as_documented(example_graph_copy: Path) -> None:
    url = f"sqlite:///{example_graph_copy}"
    with open_store(url) as store:
        # Small uploads, so that generated files stay quick to extract.
        app = create_app(Settings(store=url, api_keys=[KEY], max_upload_bytes=64 * 1024), store)
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        failures: list[str] = []
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        for operation, mode in product(operations, (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def answers_as_documented(case: schemathesis.Case) -> None:
                case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, checks=CHECKS)

            try:
                answers_as_documented()
            except Unsatisfiable:
                assert (
                    mode is GenerationMode.NEGATIVE
                )  # an operation without parameters has no invalid request
            except Exception as exc:  # every operation is tried; all failures are reported together
                failures.append(f"{operation.label} ({mode.value} cases): {exc}")
        assert not failures, "\n\n".join(failures)
