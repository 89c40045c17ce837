"""Document ids in paths. Ids hold slashes ("vn/cp/2023/06-nq-cp"), so a path converter must take them whole;
but `/documents/{id}` must not also take "/documents/{id}/citations" (a GET would be answered by the wrong route,
a DELETE would delete a document named "…/citations"). The `doc_id` converter takes any path that does not end
in one of the sub-resources."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

SUB_RESOURCES = ("implementers", "implements", "citations", "cited-by", "status", "timeline")


class DocumentIdConvertor(Convertor[str]):
    regex = ".+" + "".join(f"(?<!/{name})" for name in SUB_RESOURCES)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("doc_id", DocumentIdConvertor())
