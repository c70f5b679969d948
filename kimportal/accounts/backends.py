"""The portal's password backend: Django's ModelBackend with two savings on every page.

- The session's user is loaded with its office (`user.office` is read on every scoped
  page; lazily it was one more query per request), by one statement written once per
  process: building and compiling the same ORM query on every request cost more than
  running it (perf, issue #6 item 12).
- Named rules (django-rules, `<app>/rules.py`) are the single statement of who may do
  what: when the rules backend answers no, ModelBackend is not asked again. Before, each
  refused named rule (e.g. `registry.add_kim` for the ministry) fell through to two
  permission queries. Django model permissions that are not rules (the admin's, say)
  still come from here.
"""

from functools import cache

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_with_office(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)


@cache
def _user_with_office_statement() -> tuple[str, list[str], list[str]]:
    """The SELECT of a user joined to its office, and the two models' column names."""
    user_model = get_user_model()
    office_model = user_model._meta.get_field("office").related_model
    quote = connections[router.db_for_read(user_model)].ops.quote_name
    user_columns = [f.attname for f in user_model._meta.concrete_fields]
    office_columns = [f.attname for f in office_model._meta.concrete_fields]
    selected = ", ".join(
        [f"u.{quote(f.column)}" for f in user_model._meta.concrete_fields]
        + [f"o.{quote(f.column)}" for f in office_model._meta.concrete_fields]
    )
    office_fk = quote(user_model._meta.get_field("office").column)
    sql = (
        f"SELECT {selected} FROM {quote(user_model._meta.db_table)} u "
        f"LEFT OUTER JOIN {quote(office_model._meta.db_table)} o "
        f"ON o.{quote(office_model._meta.pk.column)} = u.{office_fk} "
        f"WHERE u.{quote(user_model._meta.pk.column)} = %s"
    )
    return sql, user_columns, office_columns


def user_with_office(user_id):
    """The user `user_id` with `user.office` loaded (None when there is no such user),
    as `select_related("office").get(pk=user_id)` gives it."""
    user_model = get_user_model()
    try:
        user_id = user_model._meta.pk.to_python(user_id)
    except (ValidationError, TypeError, ValueError):  # a malformed id: no user
        return None
    sql, user_columns, office_columns = _user_with_office_statement()
    database = router.db_for_read(user_model)
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user = user_model.from_db(database, user_columns, row[: len(user_columns)])
    office = None
    if user.office_id is not None:
        office_model = user_model._meta.get_field("office").related_model
        office = office_model.from_db(
            database, office_columns, row[len(user_columns) :]
        )
    user_model._meta.get_field("office").set_cached_value(user, office)
    return user
