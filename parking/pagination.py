"""One way to page through any query: `{items, total, page, per_page}`."""

from __future__ import annotations

import sqlalchemy as sa
from apiflask import Schema
from apiflask.fields import Integer, List, Nested
from apiflask.validators import Range

from parking.db import MAX_ID
from parking.extensions import db

MAX_PER_PAGE = 200


class PageIn(Schema):
    """Query parameters of every paginated list."""

    page = Integer(load_default=1, validate=Range(min=1, max=MAX_ID))  # OFFSET stays 64-bit
    per_page = Integer(load_default=50, validate=Range(min=1, max=MAX_PER_PAGE))


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The output schema of a page of `item_schema` items."""
    return type(
        f"{item_schema.__name__.removesuffix('Out')}Page",
        (Schema,),
        {
            "items": List(Nested(item_schema), required=True),
            "total": Integer(required=True),
            "page": Integer(required=True),
            "per_page": Integer(required=True),
        },
    )


def paginate(query: sa.Select, *, page: int, per_page: int) -> dict:
    """One page of `query`'s rows (Flask-SQLAlchemy's paginator); `total` counts them all."""
    result = db.paginate(
        query, page=page, per_page=per_page, max_per_page=MAX_PER_PAGE, error_out=False
    )
    return {"items": result.items, "total": result.total, "page": page, "per_page": per_page}
