"""KIM membership of portal accounts: the registry owns it and tells the core through the
resolver it registers (`kimportal.core.contributions.register_kim_resolver`)."""

from kimportal.core.contributions import forget_kim_of

from .models import Kim, KimMember, MemberRole


def member_kim_id(user) -> int | None:
    """The KIM an active `kim` account acts for, or None (the core caches the answer on
    the user object, so a page costs one query at most)."""
    if not getattr(user, "is_authenticated", False) or not user.is_kim:
        return None
    return (
        KimMember.objects.filter(user_id=user.pk, active=True)
        .values_list("kim_id", flat=True)
        .first()
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
