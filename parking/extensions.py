"""Extension objects, created unbound here and bound to the app by `init_app` in the factory."""

import functools

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from parking.db import Base, writing

# Objects keep their values after a commit: serializing what a service returns needs no second
# round of queries. Each request or job has a session of its own, so nothing goes stale.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def transactional(fn):
    """Run a service function as one unit of work: commit if it returns, roll back if it raises.

    Nested calls join the outer unit of work. A read transaction the request already opened (the
    token check, say) is ended first, so that on SQLite the unit of work begins as a writer; its
    first statement takes the write lock, so work done before it (hashing a password) holds none.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if writing.get():
            return fn(*args, **kwargs)
        if db.session().in_transaction():
            db.session.commit()
        token = writing.set(True)
        try:
            result = fn(*args, **kwargs)
            db.session.commit()
            return result
        except BaseException:
            db.session.rollback()
            raise
        finally:
            writing.reset(token)

    return wrapper
