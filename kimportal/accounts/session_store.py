"""The session engine (SESSION_ENGINE): Django's database sessions, read by one
statement written once per process.

Every signed-in request reads its session. Through the ORM that read built and compiled
the same query each time, which cost more than running it (perf, issue #6 item 12).
Writes (save, delete, cycle_key) stay Django's.
"""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        database = router.db_for_read(self.model, instance=None)
        with connections[database].cursor() as cursor:
            cursor.execute(
                _read_statement(self.model), [self.session_key, timezone.now()]
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(
            session_key=self.session_key, session_data=row[0], expire_date=row[1]
        )


@cache
def _read_statement(model) -> str:
    """The SELECT of an unexpired session by its key, for `model`'s table."""
    quote = connections[router.db_for_read(model)].ops.quote_name
    meta = model._meta
    data = quote(meta.get_field("session_data").column)
    expires = quote(meta.get_field("expire_date").column)
    key = quote(meta.get_field("session_key").column)
    return (
        f"SELECT {data}, {expires} FROM {quote(meta.db_table)} "
        f"WHERE {key} = %s AND {expires} > %s"
    )
