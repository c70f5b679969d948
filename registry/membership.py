"""KIM membership of portal accounts: the registry owns it and tells the core through the
resolver it registers (`kimportal.core.contributions.register_kim_resolver`)."""

from functools import cache

from django.db import connections, router

from kimportal.core.contributions import forget_kim_of

from .models import Kim, KimMember, MemberRole


def member_kim_id(user) -> int | None:
    """The KIM an active `kim` account acts for, or None (the core caches the answer on
    the user object, so a page costs one query at most)."""
    if not getattr(user, "is_authenticated", False) or not user.is_kim:
        return None
    # The ORM's `.filter(...).values_list(...).first()`, by a statement written once per
    # process: every page of a KIM account asks this, and building and compiling the
    # query cost more than running it (perf, issue #6 item 12).
    with connections[router.db_for_read(KimMember)].cursor() as cursor:
        cursor.execute(_member_kim_statement(), [user.pk])
        row = cursor.fetchone()
    return row[0] if row else None


@cache
def _member_kim_statement() -> str:
    """The SELECT of an account's active membership's KIM, first by id."""
    quote = connections[router.db_for_read(KimMember)].ops.quote_name
    meta = KimMember._meta
    column = {name: quote(meta.get_field(name).column) for name in ("kim", "user")}
    return (
        f"SELECT {column['kim']} FROM {quote(meta.db_table)} "
        f"WHERE {column['user']} = %s AND {quote(meta.get_field('active').column)} "
        f"ORDER BY {quote(meta.pk.column)} LIMIT 1"
    )


def member_add(*, user, kim: Kim, role: str = MemberRole.MEMBER) -> KimMember:
    """Make `user` act for `kim` (ending any other active membership of theirs). Callers
    are registry services that have already checked their actor and locked the KIM."""
    KimMember.objects.filter(user=user, active=True).exclude(kim=kim).update(
        active=False
    )
    member, _created = KimMember.objects.get_or_create(
        user=user, kim=kim, active=True, defaults={"role": role}
    )
    forget_kim_of(user)
    return member
