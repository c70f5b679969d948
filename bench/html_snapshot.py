"""The HTML of the KIM's staff page (every tab, every role), the KIM's own page (every
kind of KIM account) and a few pages of the shell (home, list, password, 404, login),
written to files, to show that a change for speed left the pages byte-identical.

A KIM of every kind the pages tell apart is made (draft, submitted, verified with a
partnership, coverage, pending and decided change requests, inactive officers and
channels, a review; a bare KIM with escaped values; one moved, with its previous record;
rejected; with an expired and a superseded document). Run it on the old and the new
code, each time on a new test database so that the ids repeat:

    SNAP_OUT=/tmp/old .venv/bin/python -m pytest -p no:xdist --create-db \\
        bench/html_snapshot.py

then compare the two folders byte for byte. CSRF tokens are masked here; clock times
(`j M Y H:i` on the verification tab) differ when the runs fall in different minutes,
so mask `YYYY HH:MM` before comparing.

Not part of the suite (pytest collects test_*.py only).
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from registry import services
from registry.choices import (
    ChangeRequestStatus,
    InactiveReason,
    KimStatus,
    PartnershipStatus,
    ReviewGround,
)
from registry.models import ChangeRequest, KimChannel, Partnership
from registry.tests.factories import (
    ALL_REQUIREMENTS_PASSED,
    KimDocumentFactory,
    KimFactory,
    KimOfficerFactory,
    UserFactory,
    VerifiedKimFactory,
    create_complete_kim,
    create_submitted_kim,
    create_verified_kim,
)
from registry.tests.helpers import failed, start_partnership

OUT = Path(os.environ["SNAP_OUT"])
TABS = ["", "profile", "documents", "verification", "partnership", "reviews", "bogus"]
ROLES = [
    "kementerian",
    "prov-jatim",
    "prov-jateng",
    "kab-malang",
    "kota-malang",
    "kl-demo",
]
CSRF = re.compile(r"[A-Za-z0-9]{64}")


def save(name, response):
    """The status code and the body, CSRF tokens masked."""
    body = response.content.decode()
    body = CSRF.sub("CSRF", body)
    (OUT / name).write_text(f"{response.status_code}\n{body}")


@pytest.mark.django_db
def test_write_the_pages(demo_users):
    OUT.mkdir(parents=True, exist_ok=True)
    officer = demo_users["kab-malang"]
    kims = {}
    # a draft from the services: officers, channel, documents
    kims["draft_complete"] = create_complete_kim(user=officer)
    # submitted: can_verify
    kims["submitted"] = create_submitted_kim(user=officer, name="KIM Diajukan")
    # verified with partnership, coverage, pending changes, review case, channels
    v = create_verified_kim(user=officer, name='KIM <Mitra> & "Kutip"')
    start_partnership(kim=v, user=officer)
    v.coverage_villages.set(["35.07.01.2002", "35.07.01.2001"])
    member = UserFactory(role="kim", kim=v, username="kim-mitra")
    ChangeRequest.objects.create(
        kim=v,
        requested_by=member,
        changes={
            "name": {"old": v.name, "new": "Baru <x>"},
            "officers": {"old": [], "new": []},
        },
    )
    ChangeRequest.objects.create(
        kim=v,
        requested_by=member,
        changes={"village": {"old": "a", "new": "b"}, "zz_unknown": 1},
    )
    ChangeRequest.objects.create(kim=v, requested_by=member, changes=["odd"])
    ChangeRequest.objects.create(
        kim=v,
        requested_by=member,
        changes={"email": {}},
        status=ChangeRequestStatus.REJECTED,
    )
    KimChannel.objects.create(
        kim=v, platform="facebook", address="fb.com/<kim>", followers=0
    )
    KimChannel.objects.create(
        kim=v, platform="youtube", address="yt/old", followers=5, active=False
    )
    KimOfficerFactory(kim=v, name="Old <Officer>", position="X", phone="", active=False)
    KimOfficerFactory(kim=v, name="Nur & Co", position="Bendahara", phone="")
    services.review_open(
        kim=v, opened_by=officer, grounds=[ReviewGround.values[0]], notes="n"
    )
    kims["verified_partner_review"] = v
    # verified with partnership, member, no pending
    w = create_verified_kim(user=officer, name="KIM Dua")
    start_partnership(kim=w, user=officer)
    kims["verified_partner"] = w
    UserFactory(role="kim", kim=w, username="kim-dua")
    # bare factory KIM: no officers/channels/coverage/docs; odd fields
    kims["bare"] = KimFactory(
        name="Bare <b>",
        street="",
        rt="",
        rw="",
        house_number="",
        chair_name="",
        whatsapp="",
        email="",
        kim_type="",
        media_types=[],
        fields=["zz_old", "kesehatan"],
        social_groups=["petani", "nelayan"],
        content_types=["berita", "x<y"],
        public_issues="baris satu\nbaris <dua>\n\ntiga",
        frequency_count=3,
        frequency_unit="month",
        power_reach=1234567,
        influence_response=0,
        phone="0341",
    )
    kims["house"] = KimFactory(
        name="House",
        house_number="12A",
        rt="",
        rw="007",
        frequency_count=0,
        frequency_unit="week",
    )
    # inactive moved with previous record link
    old = VerifiedKimFactory(
        name="KIM Lama",
        status=KimStatus.INACTIVE,
        inactive_reason=InactiveReason.MOVED,
        village_id="35.73.01.1001",
    )
    kims["inactive_moved"] = old
    new = KimFactory(name="KIM Baru Pindah", previous_record=old)
    kims["with_previous"] = new
    kims["inactive_dissolved"] = VerifiedKimFactory(
        name="KIM Bubar", status=KimStatus.INACTIVE, inactive_reason="dissolved"
    )
    # rejected then resubmitted: verification history with failed items
    r = create_submitted_kim(user=officer, name="KIM Ditolak")
    services.kim_reject(
        kim=r,
        verified_by=officer,
        items=failed(list(ALL_REQUIREMENTS_PASSED)[0], "Kurang <SK>"),
        note="Catatan\nbaris 2",
    )
    kims["rejected"] = r
    # expired doc + superseded docs + awaiting doc
    e = create_verified_kim(
        user=officer, name="KIM SK Kedaluwarsa", sk_expires_on=datetime.date(2031, 1, 1)
    )
    KimDocumentFactory(
        kim=e,
        uploaded_by=officer,
        expires_on=datetime.date(2020, 1, 1),
        number="",
        issued_on=None,
        superseded_at=datetime.datetime(2025, 5, 5, tzinfo=datetime.UTC),
    )
    e.documents.filter(kind="officers_list").update(
        expires_on=datetime.date(2020, 1, 1)
    )
    Partnership.objects.create(
        kim=e,
        starts_on="2020-01-01",
        ends_on="2021-01-01",
        status=PartnershipStatus.ENDED,
        qualifications=[],
        created_by=officer,
        closed_on="2021-01-01",
        assessment_note="ok\n<ok>",
    )
    kims["expired_doc"] = e
    mem = UserFactory(role="kim", kim=e, username="kim-sk")
    from registry.tests.factories import pdf_upload

    services.kim_self_document_add(
        kim=e,
        user=mem,
        kind="village_head_sk",
        uploaded_file=pdf_upload("baru.pdf"),
        number="9",
        issued_on=datetime.date(2026, 1, 1),
        expires_on=datetime.date(2033, 1, 1),
    )
    # other regions
    kims["kota"] = KimFactory(name="Kota KIM", village_id="35.73.01.1001")
    kims["semarang"] = VerifiedKimFactory(
        name="Semarang KIM", village_id="33.22.01.2001"
    )

    for role in ROLES:
        client = Client()
        client.force_login(demo_users[role])
        for label, kim in kims.items():
            for tab in TABS:
                url = reverse("registry:kim-detail", args=[kim.pk])
                resp = client.get(url, {"tab": tab} if tab else {})
                save(f"detail-{role}-{label}-{tab or 'none'}.html", resp)
        save(f"my-{role}.html", client.get(reverse("registry:my-kim")))
        for i, url in enumerate(
            [
                "/",
                reverse("registry:kim-list"),
                reverse("registry:kim-list") + "?status=verified&media=social",
                reverse("registry:kim-list") + "?field=nope&status=draft",
                reverse("registry:kim-list") + "?q=Maju+%26+%3Cb%3E&sort=name&page=2",
                reverse("accounts:password-change"),
                "/no-such-page/",
                reverse("registry:change-request-list"),
            ]
        ):
            save(f"other-{role}-{i}.html", client.get(url))
    for username in ("kim-mitra", "kim-dua", "kim-sk"):
        from kimportal.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        save(f"my-{username}.html", client.get(reverse("registry:my-kim")))
        # a KIM user on a staff page
        save(
            f"detail-{username}.html",
            client.get(reverse("registry:kim-detail", args=[kims["bare"].pk])),
        )
    # a submitted KIM's member (no edit), a draft member
    for label in ("submitted", "draft_complete", "bare", "inactive_dissolved"):
        u = UserFactory(role="kim", kim=kims[label], username=f"kim-{label}")
        client = Client()
        client.force_login(u)
        save(f"my-kim-{label}.html", client.get(reverse("registry:my-kim")))
    anon = Client()
    save("other-anon-login.html", anon.get(reverse("login")))
    save("other-anon-404.html", anon.get("/no-such-page/"))
    for username in ("kim-mitra", "kim-sk"):
        from kimportal.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        save(f"other-{username}-home.html", client.get("/"))
        save(
            f"other-{username}-update.html",
            client.get(reverse("registry:my-kim-update")),
        )
    save(
        "detail-anon.html",
        anon.get(reverse("registry:kim-detail", args=[kims["bare"].pk])),
    )
    save("my-anon.html", anon.get(reverse("registry:my-kim")))
    # messages shown on the page
    client = Client()
    client.force_login(officer)
    client.post(
        reverse("registry:kim-deactivate", args=[kims["verified_partner"].pk]),
        {"reason": "dissolved"},
    )
    save(
        "detail-after-message.html",
        client.get(reverse("registry:kim-detail", args=[kims["verified_partner"].pk])),
    )
