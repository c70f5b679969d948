"""Actions on a KIM and its cases, on a phone and after decisions; change requests and lists by status."""

import datetime

import pytest
from django.urls import reverse

from kimportal.core.browser import assert_fits_phone_and_accessible
from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    KimStatus,
    PartnershipStatus,
    ReviewStatus,
)
from registry.models import ChangeRequest, Kim, Partnership, ReviewCase
from registry.presenters import KIM_PAGE_ACTIONS
from registry.tests.factories import (
    KAB_MALANG_VILLAGE,
    KimDocumentFactory,
    KimFactory,
    UserFactory,
    pdf_upload,
)
from registry.tests.view_helpers import (
    checklist,
    complete_kim,
    update_data,
)

pytestmark = pytest.mark.django_db


# --- other actions ---------------------------------------------------------------------


def test_detail_tabs_render_without_javascript(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    for tab in ("profile", "documents", "verification", "partnership", "reviews"):
        response = kab_malang.get(
            reverse("registry:kim-detail", args=[kim.pk]), {"tab": tab}
        )
        assert response.status_code == 200
        assert f'href="?tab={tab}" aria-current="page"' in response.text
    profile = kab_malang.get(kim.get_absolute_url()).text
    assert "Siti Aminah" in profile
    assert reverse("history", args=["registry", "kim", kim.pk]) in profile


def test_detail_offers_the_actions_its_rules_allow(client, kab_malang, demo_users):
    verified = complete_kim(demo_users["kab-malang"], verified=True)
    draft = KimFactory(status=KimStatus.DRAFT)
    page = kab_malang.get(verified.get_absolute_url())
    assert page.context["can_partner"] and page.context["can_invite"]
    assert not page.context["can_verify"] and not page.context["can_submit"]
    assert reverse("registry:partnership-create", args=[verified.pk]) in page.text
    # With an open partnership, the page (which reads it with the KIM) offers none.
    Partnership.objects.create(
        kim=verified,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
        status=PartnershipStatus.ACTIVE,
        qualifications=[],
        created_by=demo_users["kab-malang"],
    )
    page = kab_malang.get(verified.get_absolute_url())
    assert not page.context["can_partner"] and page.context["can_invite"]
    assert reverse("registry:partnership-create", args=[verified.pk]) not in page.text
    page = kab_malang.get(draft.get_absolute_url())
    assert page.context["can_submit"] and page.context["can_change"]
    assert reverse("registry:kim-deactivate", args=[draft.pk]) not in page.text
    client.force_login(demo_users["kementerian"])
    page = client.get(verified.get_absolute_url())
    assert page.status_code == 200
    assert not any(page.context[key] for key in KIM_PAGE_ACTIONS)
    assert reverse("registry:kim-update", args=[verified.pk]) not in page.text


@pytest.mark.parametrize("username", ["kab-malang", "kementerian"])
def test_detail_query_count(
    client, demo_users, django_assert_max_num_queries, username
):
    kim = complete_kim(
        demo_users["kab-malang"],
        verified=True,
        previous_record=KimFactory(status=KimStatus.INACTIVE, nik="3573-2020-0001"),
    )
    kim.coverage_villages.set([KAB_MALANG_VILLAGE])
    kim.channels.create(platform="instagram", address="@kim", followers=5)
    ChangeRequest.objects.create(
        kim=kim, requested_by=demo_users["kab-malang"], changes={"name": {}}
    )
    client.force_login(demo_users[username])
    # Session, user with its office, and the KIM with everything its profile shows
    # (board, channels, coverage, pending changes, previous record, whether it has an
    # open partnership: selectors_profile). No permission query.
    with django_assert_max_num_queries(3) as captured:
        page = client.get(kim.get_absolute_url())
    assert page.status_code == 200
    assert not any("auth_permission" in q["sql"] for q in captured.captured_queries)
    assert "Catatan sebelumnya: 3573-2020-0001" in page.text
    assert "Tulungrejo (Donomulyo)" in page.text and "@kim" in page.text
    assert "Pengurus KIM meminta perubahan data legal" in page.text


def test_documents_tab_and_checklist_flag_an_expired_sk(kab_malang, demo_users):
    kim = KimFactory(status=KimStatus.SUBMITTED)
    KimDocumentFactory(
        kim=kim,
        uploaded_by=demo_users["kab-malang"],
        expires_on=datetime.date(2020, 1, 1),
        issued_on=datetime.date(2017, 1, 1),
    )
    response = kab_malang.get(reverse("registry:kim-verify", args=[kim.pk]))
    assert "SK sudah kedaluwarsa" in response.text
    response = kab_malang.get(kim.get_absolute_url(), {"tab": "documents"})
    assert "1 Jan 2020 — kedaluwarsa" in response.text


def test_document_add_and_deactivate(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-document-add", args=[kim.pk]),
        {
            "kind": DocumentKind.VILLAGE_HEAD_SK,
            "uploaded_file": pdf_upload("sk-baru.pdf"),
            "number": "141/99/2026",
            "issued_on": "2026-02-01",
            "expires_on": "2030-02-01",
        },
    )
    assert response.status_code == 302
    current = kim.documents.get(
        kind=DocumentKind.VILLAGE_HEAD_SK, superseded_at__isnull=True
    )
    assert current.number == "141/99/2026"

    response = kab_malang.post(
        reverse("registry:kim-deactivate", args=[kim.pk]), {"reason": "dissolved"}
    )
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.INACTIVE and kim.nik


def test_invite_sends_the_chair_an_account(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-invite", args=[kim.pk]),
        {"email": "ketua@kim.example", "name": "Siti Aminah"},
        follow=True,
    )
    assert "Undangan dikirim ke ketua@kim.example" in response.text
    assert kim.members.get(active=True).user.email == "ketua@kim.example"


def test_regency_approves_a_kim_users_change_request(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    from kimportal.accounts.models import Role

    member = UserFactory(username="ketua-kim", role=Role.KIM, kim=kim)
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=member,
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    assert (
        change
        in kab_malang.get(reverse("registry:change-request-list")).context["page"]
    )
    url = reverse("registry:change-request-detail", args=[change.pk])
    response = kab_malang.get(url)
    assert "KIM Lama" in response.text and "KIM Baru" in response.text

    response = kab_malang.post(url, {"decision": "reject"})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.text

    response = kab_malang.post(url, {"decision": "approve"})
    assert response.status_code == 302
    kim.refresh_from_db()
    change.refresh_from_db()
    assert kim.name == "KIM Baru"
    assert change.status == ChangeRequestStatus.APPROVED


def test_stale_action_tells_the_officer_why(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-verify", args=[kim.pk]), checklist(), follow=True
    )
    assert "tidak dapat dilakukan" in response.text


# --- in a phone-sized browser ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_registers_on_a_phone_with_the_desa_picker(
    phone_page, live_server, log_in_on_phone
):
    page = phone_page
    users = log_in_on_phone()

    page.goto(f"{live_server.url}{reverse('registry:kim-create')}")
    assert_fits_phone_and_accessible(page)

    page.fill("#id_name", "KIM Tulungrejo Sejahtera")
    page.check("#id_kim_type_0")
    # Kecamatan → desa through htmx.
    page.select_option("#id_village_district", "35.07.01")
    page.wait_for_selector(
        f'#id_village option[value="{KAB_MALANG_VILLAGE}"]', state="attached"
    )
    page.select_option("#id_village", KAB_MALANG_VILLAGE)
    page.fill("#id_whatsapp", "081234567890")
    page.fill("#id_officers-0-name", "Siti Aminah")
    page.fill("#id_officers-0-position", "Ketua")
    page.click("button[value=draft]")
    page.wait_for_load_state()

    kim = Kim.objects.get(name="KIM Tulungrejo Sejahtera")
    assert kim.village_id == KAB_MALANG_VILLAGE
    assert "Data KIM tersimpan" in page.inner_text("main")
    # Checked again once the message is gone: base.html's message list is not ours.
    page.reload()
    assert_fits_phone_and_accessible(page)

    for url in (
        reverse("registry:kim-list"),
        reverse("registry:kim-detail", args=[kim.pk]),
        reverse("registry:kim-detail", args=[kim.pk]) + "?tab=documents",
        reverse("registry:review-list"),
    ):
        page.goto(f"{live_server.url}{url}")
        assert_fits_phone_and_accessible(page)

    verified = complete_kim(users["kab-malang"], verified=True, name="KIM Mitra")
    submitted = complete_kim(users["kab-malang"], status=KimStatus.SUBMITTED)
    page.goto(f"{live_server.url}{reverse('registry:kim-verify', args=[submitted.pk])}")
    assert_fits_phone_and_accessible(page)
    page.goto(
        f"{live_server.url}{reverse('registry:partnership-create', args=[verified.pk])}"
    )
    assert_fits_phone_and_accessible(page)
    page.goto(
        f"{live_server.url}{reverse('registry:review-create', args=[verified.pk])}"
    )
    assert_fits_phone_and_accessible(page)
    page.check("input[value=reputation]")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/kim/reviews/" in page.url
    page.reload()
    assert_fits_phone_and_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_desa_search_box_fills_the_village_select(
    phone_page, live_server, log_in_on_phone
):
    page = phone_page
    log_in_on_phone()
    page.goto(f"{live_server.url}{reverse('registry:kim-create')}")
    page.fill("#id_village_search", "Tulungrejo")
    page.wait_for_selector("#id_village_results button[data-code]", timeout=5000)
    page.click(f'#id_village_results button[data-code="{KAB_MALANG_VILLAGE}"]')
    assert page.input_value("#id_village") == KAB_MALANG_VILLAGE
    # Picking a result clears the list.
    assert page.inner_text("#id_village_results") == ""


def test_detail_submit_button_submits_a_complete_draft(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"])
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:kim-submit", args=[kim.pk]) in detail.text

    response = kab_malang.post(reverse("registry:kim-submit", args=[kim.pk]))
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:kim-verify", args=[kim.pk]) in detail.text
    assert reverse("registry:kim-submit", args=[kim.pk]) not in detail.text


def test_detail_submit_of_an_incomplete_draft_lists_what_is_missing(kab_malang):
    kim = KimFactory()
    response = kab_malang.post(
        reverse("registry:kim-submit", args=[kim.pk]), follow=True
    )
    kim.refresh_from_db()
    assert kim.status == KimStatus.DRAFT
    assert "Susunan pengurus belum diisi" in response.text


def test_review_evidence_refuses_a_fake_file_in_indonesian(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    kab_malang.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["criminal"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    response = kab_malang.post(
        reverse("registry:review-evidence", args=[case.pk]),
        {
            "uploaded_file": pdf_upload("bukti.pdf", content=b"GIF89a not allowed"),
            "description": "Foto kejadian",
        },
    )
    assert response.status_code == 400
    assert "Isi berkas bukan" in response.text
    assert 'value="Foto kejadian"' in response.text
    assert case.evidence.count() == 0

    response = kab_malang.post(
        reverse("registry:review-evidence", args=[case.pk]),
        {"uploaded_file": pdf_upload("bukti.pdf"), "description": "Surat polisi"},
    )
    assert response.status_code == 302
    assert case.evidence.get().description == "Surat polisi"


def test_pending_change_request_is_flagged_on_the_kim(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    from kimportal.accounts.models import Role

    member = UserFactory(username="pengurus", role=Role.KIM, kim=kim)
    change = ChangeRequest.objects.create(
        kim=kim, requested_by=member, changes={"kim_type": {"old": "A", "new": "B"}}
    )
    detail = kab_malang.get(kim.get_absolute_url())
    assert reverse("registry:change-request-detail", args=[change.pk]) in detail.text
    page = kab_malang.get(reverse("registry:change-request-detail", args=[change.pk]))
    assert "Tipe B" in page.text


# --- review pages after the decision, change requests, lists by status -------------------


def _member_of(kim, username="ketua-kim"):
    from kimportal.accounts.models import Role

    return UserFactory(username=username, role=Role.KIM, kim=kim)


def test_documents_tab_shows_a_kims_own_upload_as_waiting_not_replaced(
    kab_malang, demo_users
):
    from registry.services import change_request_approve, kim_self_document_add

    kim = complete_kim(demo_users["kab-malang"], verified=True)
    member = _member_of(kim)
    change = kim_self_document_add(
        kim=kim,
        user=member,
        kind=DocumentKind.OFFICERS_LIST,
        uploaded_file=pdf_upload("pengurus-baru.pdf"),
    )
    url = reverse("registry:kim-detail", args=[kim.pk])
    documents = kab_malang.get(url, {"tab": "documents"}).context["documents"]
    waiting = [d for d in documents if d.awaits_approval]
    assert [d.pk for d in waiting] == [change.document_id]
    assert "menunggu persetujuan" in kab_malang.get(url, {"tab": "documents"}).text

    change_request_approve(change_request=change, decided_by=demo_users["kab-malang"])
    response = kab_malang.get(url, {"tab": "documents"})
    assert not any(d.awaits_approval for d in response.context["documents"])
    assert "menunggu persetujuan" not in response.text


def test_closed_review_offers_no_comment_or_evidence_form(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    kab_malang.post(
        reverse("registry:review-create", args=[kim.pk]), {"grounds": ["reputation"]}
    )
    case = ReviewCase.objects.get(kim=kim)
    url = reverse("registry:review-detail", args=[case.pk])
    open_page = kab_malang.get(url)
    assert open_page.context["comment_form"] is not None
    assert open_page.context["evidence_form"] is not None

    kab_malang.post(
        reverse("registry:review-decide", args=[case.pk]),
        {"outcome": "continue", "note": "Tidak terbukti."},
    )
    closed_page = kab_malang.get(url)
    assert closed_page.context["comment_form"] is None
    assert closed_page.context["evidence_form"] is None
    assert closed_page.context["decision_form"] is None
    # A stale form posted anyway is refused by the service, with its reason.
    response = kab_malang.post(
        reverse("registry:review-comment", args=[case.pk]),
        {"body": "Terlambat."},
        follow=True,
    )
    assert not case.comments.exists()
    assert "Terlambat." not in response.text


def test_decided_change_request_offers_no_form_and_refuses_a_second_decision(
    kab_malang, demo_users
):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=_member_of(kim),
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    url = reverse("registry:change-request-detail", args=[change.pk])
    response = kab_malang.post(url, {"decision": "reject", "note": "Tidak sesuai SK."})
    assert response.status_code == 302

    assert kab_malang.get(url).context["form"] is None
    response = kab_malang.post(url, {"decision": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Permohonan perubahan ini sudah diputuskan." in response.text
    change.refresh_from_db()
    kim.refresh_from_db()
    assert change.status == ChangeRequestStatus.REJECTED
    assert kim.name == "KIM Lama"


def test_province_cannot_decide_a_change_request(client, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True, name="KIM Lama")
    change = ChangeRequest.objects.create(
        kim=kim,
        requested_by=_member_of(kim),
        changes={"name": {"old": "KIM Lama", "new": "KIM Baru"}},
    )
    client.force_login(demo_users["prov-jatim"])
    url = reverse("registry:change-request-detail", args=[change.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url, {"decision": "approve"}).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.PENDING


def test_change_request_list_filters_by_status(kab_malang, demo_users):
    kim = complete_kim(demo_users["kab-malang"], verified=True)
    member = _member_of(kim)
    pending = ChangeRequest.objects.create(
        kim=kim, requested_by=member, changes={"kim_type": {"old": "A", "new": "B"}}
    )
    rejected = ChangeRequest.objects.create(
        kim=kim,
        requested_by=member,
        changes={"kim_type": {"old": "A", "new": "B"}},
        status=ChangeRequestStatus.REJECTED,
    )
    url = reverse("registry:change-request-list")

    def listed(**params):
        return list(kab_malang.get(url, params).context["page"].object_list)

    assert listed() == [pending, rejected]
    assert listed(status="pending") == [pending]
    assert listed(status="rejected") == [rejected]
    assert listed(status="nonsense") == [pending, rejected]


def test_review_list_filters_by_status(kab_malang, demo_users):
    first = complete_kim(demo_users["kab-malang"], verified=True)
    second = complete_kim(demo_users["kab-malang"], verified=True)
    for kim in (first, second):
        kab_malang.post(
            reverse("registry:review-create", args=[kim.pk]), {"grounds": ["moved"]}
        )
    closed = ReviewCase.objects.get(kim=first)
    kab_malang.post(
        reverse("registry:review-decide", args=[closed.pk]),
        {"outcome": "continue", "note": "Tidak terbukti."},
    )
    still_open = ReviewCase.objects.get(kim=second)
    url = reverse("registry:review-list")

    def listed(**params):
        return list(kab_malang.get(url, params).context["page"].object_list)

    assert listed() == [still_open, closed]
    assert listed(status=ReviewStatus.OPEN) == [still_open]
    assert listed(status=ReviewStatus.CONTINUED) == [closed]


def test_saving_a_verified_kim_returns_to_its_page_and_a_draft_to_its_form(
    kab_malang, demo_users
):
    verified = complete_kim(demo_users["kab-malang"], verified=True)
    response = kab_malang.post(
        reverse("registry:kim-update", args=[verified.pk]),
        update_data(verified, name=verified.name, chair_name="Ahmad Fauzi"),
    )
    assert response.status_code == 302
    assert response.url == verified.get_absolute_url()

    draft = complete_kim(demo_users["kab-malang"])
    response = kab_malang.post(
        reverse("registry:kim-update", args=[draft.pk]),
        update_data(draft, name=draft.name),
    )
    assert response.status_code == 302
    assert response.url == reverse("registry:kim-update", args=[draft.pk])
