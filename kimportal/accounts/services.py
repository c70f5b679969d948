"""Writes of the accounts app: site-admin applications (SPEC §1) and ministry accounts.

Each service runs in one transaction; emails leave only after it commits, so a rolled-back
decision never tells the applicant anything.

Decisions guard themselves (`kimportal.core.access.guard`, rules in `rules.py`). Two
writes have no acting user to check: `application_submit` is the public form (anyone may
apply, rate-limited by the view), and `ministry_user_create` is run from the server's shell
by its operator to make the first ministry accounts.
"""

import re
import secrets

import pghistory
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kimportal.core.access import guard
from kimportal.core.outbox import outbox_enqueue
from kimportal.core.phones import normalize_phone
from kimportal.core.uploads import (
    PDF_ONLY,
    private_storage,
    server_file_name,
    validate_upload,
)
from kimportal.regions.models import Region, RegionLevel

from .models import (
    ApplicationStatus,
    Office,
    OfficeKind,
    Role,
    SiteAdminApplication,
    User,
)

LETTER_FOLDER = "site-admin-letters"
DEFAULT_MINISTRY_OFFICE = "Ditjen IKP Kementerian Kominfo"
REGION_LEVEL_OF_KIND: dict[str, str] = {
    OfficeKind.PROVINCE: RegionLevel.PROVINCE,
    OfficeKind.REGENCY: RegionLevel.REGENCY,
}
APPLICATION_FIELDS = ("full_name", "nip", "position", "email", "phone")


def set_unknown_password(user: User) -> None:
    """Give a new account a random password nobody knows, until its owner sets one from
    the emailed link. Not an unusable password: Django's "forgot password" form skips
    those, and the owner needs it when the emailed link has expired."""
    user.set_password(secrets.token_urlsafe(32))


def application_submit(*, data: dict, letter: UploadedFile) -> SiteAdminApplication:
    """Record a Dinas officer's request to become their office's site admin. `data` holds
    office_kind, region (a Region or its code), full_name, nip, position, email, phone;
    the request letter must really be a PDF of at most 5 MB."""
    application = SiteAdminApplication(
        office_kind=data.get("office_kind", ""),
        **{name: (data.get(name) or "").strip() for name in APPLICATION_FIELDS},
    )
    application.email = User.objects.normalize_email(application.email)
    errors: dict[str, list] = {}
    try:
        application.phone = normalize_phone(application.phone, field="phone")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    region = _applicant_region(data.get("region"), application.office_kind, errors)
    if region is not None:
        application.region = region
    try:
        fmt = validate_upload(letter, formats=PDF_ONLY)
    except ValidationError as exc:
        errors["letter"] = exc.error_list
        fmt = None
    try:
        application.full_clean(
            exclude=["region", "letter", "letter_original_name", *errors],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    if application.email and _has_pending_application(application.email):
        errors.setdefault("email", []).append(_duplicate_pending_error())
    if errors:
        raise ValidationError(errors)

    storage = private_storage()
    stored_name = storage.save(
        server_file_name(LETTER_FOLDER, letter.name or "", fmt), letter
    )
    application.letter = stored_name
    application.letter_original_name = (letter.name or "")[:200]
    try:
        with transaction.atomic():
            application.save()
            outbox_enqueue(
                kind="accounts.application_submitted",
                context={"application_id": application.pk},
            )
    except IntegrityError:
        # A second tab submitted the same email between our check and this insert.
        storage.delete(stored_name)
        raise ValidationError({"email": [_duplicate_pending_error()]})
    return application


def application_approve(*, application: SiteAdminApplication, decided_by: User) -> User:
    """Approve a pending application: find or create the Dinas office of its region, create
    the applicant's active account, and email them a link to set their password."""
    with transaction.atomic(), pghistory.context(user=decided_by.pk):
        locked = _lock_undecided(
            application,
            decided_by,
            if_approved=_("Permohonan ini sudah disetujui sebelumnya."),
            if_rejected=_(
                "Permohonan yang sudah ditolak tidak dapat disetujui. "
                "Pemohon dapat mengajukan permohonan baru."
            ),
        )
        if User.objects.filter(email__iexact=locked.email).exists():
            raise ValidationError(
                {
                    "email": _(
                        "Sudah ada akun dengan email %(email)s. Tolak permohonan ini "
                        "atau hubungi pemilik akun tersebut."
                    )
                    % {"email": locked.email}
                }
            )
        office = _dinas_office(kind=locked.office_kind, region=locked.region)
        user = _create_officer(application=locked, office=office)
        _record_decision(
            locked,
            ApplicationStatus.APPROVED,
            decided_by=decided_by,
            notify="accounts.application_approved",
            user=user,
        )
    application.refresh_from_db()
    return user


def application_reject(
    *, application: SiteAdminApplication, decided_by: User, reason: str
) -> SiteAdminApplication:
    """Reject a pending application with a reason, which is emailed to the applicant."""
    reason = (reason or "").strip()
    with transaction.atomic(), pghistory.context(user=decided_by.pk):
        locked = _lock_undecided(
            application,
            decided_by,
            if_approved=_("Permohonan yang sudah disetujui tidak dapat ditolak."),
            if_rejected=_("Permohonan ini sudah ditolak sebelumnya."),
        )
        if not reason:
            raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
        _record_decision(
            locked,
            ApplicationStatus.REJECTED,
            decided_by=decided_by,
            notify="accounts.application_rejected",
            reason=reason,
        )
    application.refresh_from_db()
    return application


def _lock_undecided(
    application: SiteAdminApplication,
    decided_by: User,
    *,
    if_approved: str,
    if_rejected: str,
) -> SiteAdminApplication:
    """The application's row, locked until the transaction ends, after `guard` checked
    that `decided_by` may decide it (the ministry) and that it is still pending; a
    decided one is refused with the message for its decision."""
    locked = SiteAdminApplication.objects.select_for_update().get(pk=application.pk)
    message = (
        if_approved if locked.status == ApplicationStatus.APPROVED else if_rejected
    )
    guard(decided_by, "accounts.decide_application", locked, message=message)
    return locked


def _record_decision(
    locked: SiteAdminApplication,
    status: str,
    *,
    decided_by: User,
    notify: str,
    **outcome,
) -> None:
    """Save the decision (and its `outcome` fields) on the locked application, with the
    email of kind `notify` in the same transaction (kimportal.core.outbox)."""
    locked.status = status
    locked.decided_by = decided_by
    locked.decided_at = timezone.now()
    for field, value in outcome.items():
        setattr(locked, field, value)
    locked.save(update_fields=["status", "decided_by", "decided_at", *outcome])
    outbox_enqueue(kind=notify, context={"application_id": locked.pk})


@transaction.atomic
def ministry_user_create(
    *,
    username: str,
    email: str,
    password: str,
    full_name: str = "",
    office_name: str = DEFAULT_MINISTRY_OFFICE,
) -> User:
    """Create an active ministry (Ditjen IKP) account; the only way such accounts are made."""
    username = username.strip()
    user = User(
        username=username,
        email=email.strip(),
        role=Role.MINISTRY,
        is_active=True,
        is_staff=True,
    )
    user.first_name, _sep, user.last_name = full_name.strip().partition(" ")
    errors: dict[str, list] = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [
            _("Nama pengguna %(name)s sudah dipakai.") % {"name": username}
        ]
    try:
        user.full_clean(exclude=["password", "office"], validate_unique=False)
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.error_list
    if errors:
        raise ValidationError(errors)
    office = Office.objects.filter(kind=OfficeKind.MINISTRY).order_by("id").first()
    if office is None:
        office = Office.objects.create(kind=OfficeKind.MINISTRY, name=office_name)
    user.office = office
    user.set_password(password)
    user.save()
    return user


def password_setup_url(user: User) -> str:
    """An absolute link where `user` sets their own password (valid for
    PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def _applicant_region(value, office_kind: str, errors: dict) -> Region | None:
    code = value.pk if isinstance(value, Region) else (value or "")
    level = REGION_LEVEL_OF_KIND.get(office_kind)
    if level is None:
        return None  # full_clean reports the invalid office kind
    region = Region.objects.filter(code=code, level=level, retired=False).first()
    if region is None:
        message = (
            _("Pilih provinsi kantor Anda.")
            if level == RegionLevel.PROVINCE
            else _("Pilih kabupaten/kota kantor Anda.")
        )
        errors.setdefault("region", []).append(ValidationError(message, code="region"))
    return region


def _has_pending_application(email: str) -> bool:
    return SiteAdminApplication.objects.filter(
        email__iexact=email, status=ApplicationStatus.SUBMITTED
    ).exists()


def _duplicate_pending_error() -> ValidationError:
    return ValidationError(
        _(
            "Sudah ada permohonan dengan email ini yang masih menunggu keputusan "
            "Kementerian. Tunggu keputusannya sebelum mengajukan lagi."
        ),
        code="duplicate_pending",
    )


def _dinas_office(*, kind: str, region: Region) -> Office:
    name = (
        f"Dinas Kominfo Provinsi {region.name}"
        if kind == OfficeKind.PROVINCE
        else f"Dinas Kominfo {region.name}"
    )
    office, _created = Office.objects.get_or_create(
        kind=kind, region=region, defaults={"name": name}
    )
    return office


def _username_base(email: str) -> str:
    local = email.split("@", 1)[0].lower()
    return re.sub(r"[^\w.+-]", "", local)[:140] or "admin"


def _create_officer(*, application: SiteAdminApplication, office: Office) -> User:
    base = _username_base(application.email)
    first, _sep, last = application.full_name.partition(" ")
    for _attempt in range(5):
        taken = set(
            User.objects.filter(username__istartswith=base).values_list(
                "username", flat=True
            )
        )
        taken = {name.lower() for name in taken}
        username = base
        suffix = 1
        while username.lower() in taken:
            suffix += 1
            username = f"{base}{suffix}"
        user = User(
            username=username,
            email=application.email,
            first_name=first[:150],
            last_name=last[:150],
            role=application.role,
            office=office,
            nip=application.nip,
            position=application.position,
            phone=application.phone,
            is_active=True,
            is_site_admin=True,
        )
        set_unknown_password(user)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            continue  # someone took the name meanwhile; look again
        return user
    raise ValidationError(_("Nama pengguna tidak dapat dibuat. Coba lagi."))
