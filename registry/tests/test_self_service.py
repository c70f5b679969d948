"""The KIM's own pages: its status, its profile edits, its documents — small pages for
phones, where legal changes wait for the Dinas."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders

from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    KimStatus,
    PartnershipStatus,
)
from registry.models import ChangeRequest, KimDocument, KimOfficer, Partnership

from .factories import (
    KOTA_MALANG_VILLAGE,
    KimDocumentFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

OTHER_VILLAGE_SAME_REGENCY = "35.07.01.2002"
MAX_TRANSFER_BYTES = 150 * 1024


@pytest.fixture
def kim(regions):
    kim = VerifiedKimFactory(name="KIM Sumber Rejeki", whatsapp="+6281234567890")
    KimOfficerFactory(kim=kim, name="Ani", position="Ketua", phone="+6281311112222")
    return kim


@pytest.fixture
def member(kim):
    return UserFactory(role="kim", kim=kim, username="kim-sumber")


def active_partnership(kim, member):
    """An active partnership of `kim`, 2026-02-01 to 2027-01-31."""
    return Partnership.objects.create(
        kim=kim,
        starts_on="2026-02-01",
        ends_on="2027-01-31",
        status=PartnershipStatus.ACTIVE,
        created_by=member,
    )


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def profile_post(kim, **overrides) -> dict:
    """The update form as the browser posts it, unchanged unless overridden."""
    data = {
        "name": kim.name,
        "kim_type": kim.kim_type,
        "village": kim.village_id,
        "chair_name": kim.chair_name,
        "whatsapp": kim.whatsapp,
        "phone": kim.phone,
        "email": kim.email,
        "street": kim.street,
        "house_number": kim.house_number,
        "rt": kim.rt,
        "rw": kim.rw,
        "social_groups": kim.social_groups,
        "media_types": kim.media_types,
        "fields": kim.fields,
        "frequency_count": "",
        "frequency_unit": "",
        "content_types": kim.content_types,
        "public_issues": "",
        "power_reach": "0",
        "influence_response": "0",
    }
    officers = [
        {"name": o.name, "position": o.position, "phone": o.phone}
        for o in kim.officers.filter(active=True).order_by("id")
    ]
    channels = []
    officers = overrides.pop("officers", officers)
    channels = overrides.pop("channels", channels)
    data.update(overrides)
    for prefix, rows, extra in (("officers", officers, 3), ("channels", channels, 2)):
        total = len(rows) + extra
        data[f"{prefix}-TOTAL_FORMS"] = str(total)
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = value
    return data


# --- access ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/kim/me/", "/kim/me/update/", "/kim/me/documents/add/"]
)
@pytest.mark.parametrize(
    "username", ["kab-malang", "prov-jatim", "kementerian", "kl-demo"]
)
def test_kim_pages_are_404_for_every_other_role(client, demo_users, url, username):
    client.force_login(demo_users[username])

    assert client.get(url).status_code == 404


# --- the KIM's home ----------------------------------------------------------------------


def test_my_kim_shows_status_nik_partnership_documents_and_pending_changes(
    member_client, kim, member
):
    active_partnership(kim, member)
    document = KimDocumentFactory(kim=kim, number="141/07/2026")
    ChangeRequest.objects.create(
        kim=kim, requested_by=member, changes={"name": {"old": kim.name, "new": "Baru"}}
    )

    html = member_client.get("/kim/me/").content.decode()

    assert kim.nik in html
    assert "Terverifikasi" in html
    assert "1 Feb 2026" in html and "31 Jan 2027" in html
    assert f"/kim/documents/{document.pk}/download/" in html
    assert "141/07/2026" in html
    assert "Menunggu pemeriksaan Dinas" in html
    assert "Nama KIM" in html


def test_my_kim_of_a_submitted_kim_offers_no_edit(client, regions):
    kim = VerifiedKimFactory()
    kim.status, kim.nik = KimStatus.SUBMITTED, None
    kim.save()
    client.force_login(UserFactory(role="kim", kim=kim))

    html = client.get("/kim/me/").content.decode()
    update = client.get("/kim/me/update/")
    upload = client.post(
        "/kim/me/documents/add/",
        {"kind": DocumentKind.DECLARATION, "uploaded_file": pdf_upload()},
    )

    assert "Diajukan" in html
    assert "/kim/me/update/" not in html
    assert "/kim/me/documents/add/" not in html
    assert (update.status_code, update["Location"]) == (302, "/kim/me/")
    assert (upload.status_code, upload["Location"]) == (302, "/kim/me/")
    assert not KimDocument.objects.filter(kim=kim).exists()


def test_my_kim_of_a_verified_kim_offers_edit_and_upload(member_client):
    html = member_client.get("/kim/me/").content.decode()

    assert "/kim/me/update/" in html
    assert "/kim/me/documents/add/" in html


def test_my_kim_query_count(member_client, kim, member, django_assert_num_queries):
    active_partnership(kim, member)
    KimDocumentFactory(kim=kim)
    ChangeRequest.objects.create(kim=kim, requested_by=member, changes={"name": {}})
    # Session, user with its office, the user's KIM id, and the KIM with its
    # partnership, documents and pending changes (selectors_profile). No permission
    # query.
    with django_assert_num_queries(4) as captured:
        html = member_client.get("/kim/me/").content.decode()
    assert "1 Feb 2026" in html and "Nama KIM" in html and "/download/" in html
    assert not any("auth_permission" in q["sql"] for q in captured.captured_queries)


# --- profile edits -----------------------------------------------------------------------


def test_update_form_starts_from_the_current_profile(member_client, kim):
    response = member_client.get("/kim/me/update/")

    form = response.context["form"]
    assert response.status_code == 200
    assert form["name"].value() == kim.name
    assert form["village"].value() == kim.village_id
    assert response.context["officers"].forms[0]["name"].value() == "Ani"


def test_contact_and_channel_changes_apply_at_once(member_client, kim):
    response = member_client.post(
        "/kim/me/update/",
        profile_post(
            kim,
            whatsapp="081299990000",
            email="baru@example.id",
            channels=[
                {
                    "platform": "instagram",
                    "address": "@sumberrejeki",
                    "followers": "250",
                }
            ],
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    kim.refresh_from_db()
    assert (kim.whatsapp, kim.email) == ("+6281299990000", "baru@example.id")
    assert [c.address for c in kim.channels.filter(active=True)] == ["@sumberrejeki"]
    assert not ChangeRequest.objects.exists()


def test_a_new_name_waits_for_the_dinas(member_client, kim):
    original = kim.name

    response = member_client.post(
        "/kim/me/update/", profile_post(kim, name="KIM Sumber Makmur"), follow=True
    )

    kim.refresh_from_db()
    assert kim.name == original
    change = ChangeRequest.objects.get(kim=kim)
    assert change.status == ChangeRequestStatus.PENDING
    assert change.changes["name"]["new"] == "KIM Sumber Makmur"
    assert "menunggu pemeriksaan Dinas" in response.content.decode()


def test_a_new_desa_and_board_wait_for_the_dinas(member_client, kim):
    response = member_client.post(
        "/kim/me/update/",
        profile_post(
            kim,
            village=OTHER_VILLAGE_SAME_REGENCY,
            officers=[
                {"name": "Ani", "position": "Ketua", "phone": "+6281311112222"},
                {"name": "Bayu", "position": "Sekretaris", "phone": ""},
            ],
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    kim.refresh_from_db()
    change = ChangeRequest.objects.get(kim=kim)
    assert set(change.changes) == {"village", "officers"}
    assert kim.village_id != OTHER_VILLAGE_SAME_REGENCY
    assert list(KimOfficer.objects.filter(kim=kim).values_list("name", flat=True)) == [
        "Ani"
    ]


def test_a_desa_in_another_kab_kota_is_refused_on_the_form(member_client, kim):
    response = member_client.post(
        "/kim/me/update/", profile_post(kim, village=KOTA_MALANG_VILLAGE)
    )

    assert response.status_code == 200
    assert "village" in response.context["form"].errors
    assert not ChangeRequest.objects.exists()


def test_an_invalid_whatsapp_number_is_shown_on_its_field(member_client, kim):
    response = member_client.post(
        "/kim/me/update/", profile_post(kim, whatsapp="12345")
    )

    assert response.status_code == 200
    assert "whatsapp" in response.context["form"].errors
    kim.refresh_from_db()
    assert kim.whatsapp == "+6281234567890"


# --- documents ---------------------------------------------------------------------------


def test_an_uploaded_document_waits_for_the_dinas(member_client, kim):
    response = member_client.post(
        "/kim/me/documents/add/",
        {
            "kind": DocumentKind.VILLAGE_HEAD_SK,
            "uploaded_file": pdf_upload("sk-baru.pdf"),
            "number": "141/09/2026",
            "issued_on": "2026-03-01",
            "expires_on": "2029-03-01",
        },
        follow=True,
    )

    change = ChangeRequest.objects.get(kim=kim)
    document = KimDocument.objects.get(pk=change.document_id)
    assert document.superseded_at is not None  # not current until approved
    assert document.original_name == "sk-baru.pdf"
    assert "menunggu pemeriksaan Dinas" in response.content.decode()


def test_a_document_that_is_not_really_a_pdf_is_refused(member_client, kim):
    response = member_client.post(
        "/kim/me/documents/add/",
        {
            "kind": DocumentKind.DECLARATION,
            "uploaded_file": pdf_upload(
                "virus.pdf", content=b"MZ\x90\x00" + b"\x00" * 64
            ),
        },
    )

    assert response.status_code == 200
    assert "uploaded_file" in response.context["form"].errors
    assert not ChangeRequest.objects.exists()


# --- small pages for phones ----------------------------------------------------------------


class _PageParts(HTMLParser):
    """Collects the inputs, labels, scripts and static assets of a page."""

    def __init__(self):
        super().__init__()
        self.controls, self.label_for, self.scripts, self.assets = [], set(), [], []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append((attrs, self._label_depth > 0))
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.assets.append(attrs["href"])
        if tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


def _parts(html: str) -> _PageParts:
    parts = _PageParts()
    parts.feed(html)
    return parts


def _static_size(url: str) -> int:
    relative = url.removeprefix(django_settings.STATIC_URL)
    found = finders.find(relative)
    if found is None and relative == "vendor/htmx.min.js":
        # Before `make setup` copies it, htmx is only in node_modules.
        found = (
            Path(django_settings.BASE_DIR) / "node_modules/htmx.org/dist/htmx.min.js"
        )
    assert found and Path(found).exists(), f"static file {url} not found"
    return Path(found).stat().st_size


@pytest.mark.parametrize(
    "url", ["/kim/me/", "/kim/me/update/", "/kim/me/documents/add/"]
)
def test_kim_pages_label_every_input_and_stay_small(member_client, kim, url):
    KimDocumentFactory(kim=kim)

    html = member_client.get(url).content.decode()
    parts = _parts(html)

    unlabelled = [
        attrs.get("name")
        for attrs, wrapped in parts.controls
        if not wrapped
        and attrs.get("id") not in parts.label_for
        and not attrs.get("aria-label")
    ]
    assert unlabelled == []
    # htmx and the portal's own small modules that replaced inline handlers (CSP).
    assert [
        src
        for src in parts.scripts
        if src and "htmx" not in src and "/static/core/" not in src
    ] == []
    assert None not in parts.scripts, "no inline scripts on the KIM's pages"
    total = len(html.encode()) + sum(_static_size(a) for a in set(parts.assets))
    assert total <= MAX_TRANSFER_BYTES, f"{url} weighs {total} bytes"


def test_update_page_has_no_fixed_widths_wider_than_a_phone(member_client, kim):
    html = member_client.get("/kim/me/update/").content.decode()

    widths = [int(w) for w in re.findall(r"width:\s*(\d+)px", html)]
    assert all(w <= 360 for w in widths)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kim_pages_fit_a_360px_phone_and_pass_axe(phone_page, live_server):
    from kimportal.core.browser import assert_fits_phone_and_accessible, log_in
    from kimportal.core.testing import ensure_test_regions

    ensure_test_regions()
    kim = VerifiedKimFactory(name="KIM Ponsel")
    KimOfficerFactory(kim=kim, name="Ani", position="Ketua")
    UserFactory(role="kim", kim=kim, username="kim-ponsel")

    log_in(phone_page, live_server.url, "kim-ponsel", "pass-12345")
    for path in ("/kim/me/", "/kim/me/update/", "/kim/me/documents/add/"):
        phone_page.goto(f"{live_server.url}{path}")
        assert_fits_phone_and_accessible(phone_page)


def test_kim_form_offers_exactly_the_profile_fields():
    # The KIM's own form lists the profile fields in its own display order; it must not
    # drift from the one list the services accept.
    from registry.forms import SELF_FORM_GROUPS
    from registry.models import KIM_PROFILE_FIELDS

    shown = [f for group in SELF_FORM_GROUPS.values() for f in group if f != "village"]
    assert sorted(shown) == sorted(KIM_PROFILE_FIELDS)
