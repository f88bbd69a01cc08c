"""Touches to the generated OpenAPI document that APIFlask does not make by itself."""

from __future__ import annotations

from apiflask import APIFlask


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPError"}}},
    }


BAD_JSON = _error("The request body is not valid JSON")
FORBIDDEN = _error("Signed in, but with a role this operation is not for")


def document_implicit_errors(spec: dict) -> dict:
    """List the errors every operation can answer that no route declares one by one.

    A body that does not parse as JSON is a 400 wherever a body is read, and an operation
    limited to some roles answers 403 to the others.
    """
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                responses.setdefault("400", BAD_JSON)
            requirements = operation.get("security") or []
            if any(roles for requirement in requirements for roles in requirement.values()):
                responses.setdefault("403", FORBIDDEN)
    return spec


def declare_each_tag_once(spec: dict) -> dict:
    """Blueprints that share a tag (Jobs, Operations, Reservations) each declare it; the
    document may name a tag only once."""
    unique: dict[str, dict] = {}
    for tag in spec.get("tags", []):
        unique.setdefault(tag["name"], tag)
    spec["tags"] = list(unique.values())
    return spec


def init_app(app: APIFlask) -> None:
    @app.spec_processor
    def process(spec: dict) -> dict:
        return declare_each_tag_once(document_implicit_errors(spec))
