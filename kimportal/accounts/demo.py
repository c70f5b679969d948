"""Demo offices and accounts (README: demo accounts table). Idempotent."""

from django.db import transaction

from kimportal.regions.models import Region

from .mfa import give_demo_device, mfa_mandatory
from .models import Office, OfficeKind, Role, User

DEFAULT_DEMO_PASSWORD = "bermitra-demo-2026"

# username → (role, office kind, region code or None, office name, full name)
DEMO_ACCOUNTS = {
    "kementerian": (
        Role.MINISTRY,
        OfficeKind.MINISTRY,
        None,
        "Ditjen IKP Kementerian Kominfo",
        "Admin Kementerian",
    ),
    "prov-jatim": (
        Role.PROVINCE,
        OfficeKind.PROVINCE,
        "35",
        "Dinas Kominfo Provinsi Jawa Timur",
        "Admin Jatim",
    ),
    "prov-jateng": (
        Role.PROVINCE,
        OfficeKind.PROVINCE,
        "33",
        "Dinas Kominfo Provinsi Jawa Tengah",
        "Admin Jateng",
    ),
    "kab-malang": (
        Role.REGENCY,
        OfficeKind.REGENCY,
        "35.07",
        "Dinas Kominfo Kabupaten Malang",
        "Admin Kab. Malang",
    ),
    "kota-malang": (
        Role.REGENCY,
        OfficeKind.REGENCY,
        "35.73",
        "Dinas Kominfo Kota Malang",
        "Admin Kota Malang",
    ),
    "kab-semarang": (
        Role.REGENCY,
        OfficeKind.REGENCY,
        "33.22",
        "Dinas Kominfo Kabupaten Semarang",
        "Admin Kab. Semarang",
    ),
    "kl-demo": (
        Role.AGENCY,
        OfficeKind.AGENCY,
        None,
        "Kementerian Kesehatan (demo K/L)",
        "Admin K/L",
    ),
}


@transaction.atomic
def seed_demo_accounts(*, password: str) -> dict[str, User]:
    """Create or refresh the demo offices and users; returns users by username."""
    users = {}
    for username, (role, kind, code, office_name, full_name) in DEMO_ACCOUNTS.items():
        region = Region.objects.get(code=code) if code else None
        office, _ = Office.objects.update_or_create(
            kind=kind,
            region=region,
            name=office_name,
            defaults={"email": f"{username}@kominfo.example"},
        )
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "office": office,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@kominfo.example",
                # Each demo officer is the site admin of its office (office teams).
                "is_site_admin": role != Role.MINISTRY,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        if mfa_mandatory(user):
            # A known TOTP secret (DEMO_TOTP_SECRET, README) so testers can log in.
            give_demo_device(user)
        users[username] = user
    return users


def seed_demo(*, users: dict, password: str) -> str:
    """The accounts app's demo seeder (registered with the core): offices and officers."""
    users.update(seed_demo_accounts(password=password))
    return f"Akun demo: {', '.join(users)} (kata sandi dari DEMO_PASSWORD atau bawaan)."
