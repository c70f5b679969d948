"""Every write service of the registry refuses the wrong actor by itself, and the right
actor on an object in the wrong state, whoever calls it (a view, the API, a task, a shell).

One row per service: how to call it, which permission of `registry/rules.py` it guards,
and an object in a state the transition does not allow. Each service is called as every
role that may not do it — the ministry, a province, another kab/kota, an agency, a KIM
member, an inactive officer — and must raise PermissionDenied and change nothing.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied

from kimportal.accounts.models import Role
from kimportal.core.errors import TransitionError
from registry import services
from registry.choices import (
    ChangeRequestStatus,
    DocumentKind,
    InactiveReason,
    KimStatus,
    Requirement,
    ReviewGround,
)
from registry.models import ChangeRequest, Kim, NikSequence, ReviewCase
from registry.tests.factories import (
    ALL_QUALIFICATIONS,
    ALL_REQUIREMENTS_PASSED,
    KAB_MALANG_VILLAGE,
    UserFactory,
    create_complete_kim,
    create_submitted_kim,
    create_verified_kim,
    kim_profile,
    pdf_upload,
)
from registry.tests.helpers import failed, letter

STAFF_WRONG = ["kementerian", "prov-jatim", "kota-malang", "kl-demo", "kim", "inactive"]
REVIEW_WRONG = [
    "kementerian",
    "prov-jateng",
    "kota-malang",
    "kl-demo",
    "kim",
    "inactive",
]
SELF_WRONG = ["kab-malang", "kementerian", "prov-jatim", "kl-demo", "other-kim"]


class World:
    """The objects a service may be called on, made on first use by kab-malang."""

    def __init__(self, demo_users):
        self.users = demo_users
        self.officer = demo_users["kab-malang"]
        self._cache: dict = {}

    def _once(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def draft(self) -> Kim:
        return self._once("draft", lambda: create_complete_kim(user=self.officer))

    @property
    def submitted(self) -> Kim:
        return self._once(
            "submitted",
            lambda: create_submitted_kim(user=self.officer, name="KIM Diajukan"),
        )

    @property
    def verified(self) -> Kim:
        return self._once(
            "verified",
            lambda: create_verified_kim(user=self.officer, name="KIM Terverifikasi"),
        )

    @property
    def inactive(self) -> Kim:
        def make():
            kim = create_verified_kim(user=self.officer, name="KIM Bubar")
            return services.kim_deactivate(
                kim=kim, deactivated_by=self.officer, reason=InactiveReason.DISSOLVED
            )

        return self._once("inactive", make)

    def member_of(self, kim: Kim, email: str):
        if kim.status != KimStatus.VERIFIED:
            # Accounts are invited only for a verified KIM; a member of a KIM that left
            # that state keeps the account.
            return UserFactory(username=email, email=email, role=Role.KIM, kim=kim)
        return services.kim_invite_user(kim=kim, invited_by=self.officer, email=email)

    @property
    def member(self):
        return self._once(
            "member", lambda: self.member_of(self.verified, "ketua@kim.example.id")
        )

    @property
    def other_member(self):
        def make():
            other = create_verified_kim(user=self.officer, name="KIM Tetangga")
            return self.member_of(other, "ketua@tetangga.example.id")

        return self._once("other_member", make)

    @property
    def own_kim_deactivated(self) -> Kim:
        """The member's own KIM, after it became inactive."""
        self.member  # noqa: B018 (invited while the KIM was verified)
        return services.kim_deactivate(
            kim=self.verified,
            deactivated_by=self.officer,
            reason=InactiveReason.DISSOLVED,
        )

    def open_case(self, kim=None) -> ReviewCase:
        return services.review_open(
            kim=kim or self.verified,
            opened_by=self.officer,
            grounds=[ReviewGround.CRIMINAL],
        )

    @property
    def case(self) -> ReviewCase:
        return self._once("case", self.open_case)

    @property
    def closed_case(self) -> ReviewCase:
        def make():
            kim = create_verified_kim(user=self.officer, name="KIM Ditinjau")
            return services.review_continue(
                case=self.open_case(kim), decided_by=self.officer, note="Tidak terbukti"
            )

        return self._once("closed_case", make)

    def change_request(self, *, decided: bool = False) -> ChangeRequest:
        _kim, request = services.kim_self_update(
            kim=self.verified, user=self.member, data={"name": "KIM Nama Baru"}
        )
        if decided:
            services.change_request_reject(
                change_request=request, decided_by=self.officer, note="Belum sesuai"
            )
        return request

    def actor(self, name: str):
        if name == "kim":
            return self.member
        if name == "other-kim":
            return self.other_member
        if name == "inactive":
            return UserFactory(
                role=Role.REGENCY, office=self.officer.office, is_active=False
            )
        return self.users[name]


@dataclass
class Case:
    """A write service: its call on the object `target` picks, and a wrong-state object."""

    name: str
    call: Callable  # (world, user, obj) -> result
    target: Callable  # world -> an object in an allowed state
    wrong_state: Callable | None  # world -> an object in a refused state
    wrong_actors: list[str]
    right_actor: str = "kab-malang"


def _doc(**extra):
    return {
        "kind": DocumentKind.OFFICERS_LIST,
        "uploaded_file": pdf_upload("pengurus-baru.pdf"),
        **extra,
    }


CASES = [
    Case(
        "kim_create",
        lambda w, user, obj: services.kim_create(
            created_by=user, village_code=KAB_MALANG_VILLAGE, data=kim_profile()
        ),
        lambda w: None,
        None,
        # Another kab/kota's officer may register KIM, only not in this desa: that is
        # an error on the `village_code` argument (test_services_kims).
        [a for a in STAFF_WRONG if a != "kota-malang"],
    ),
    Case(
        "kim_register",
        lambda w, user, obj: services.kim_register(
            registered_by=user,
            kim=obj,
            village_code=KAB_MALANG_VILLAGE,
            data=kim_profile(name="KIM Daftar Ulang"),
        ),
        lambda w: w.draft,
        lambda w: w.inactive,
        STAFF_WRONG,
    ),
    Case(
        "kim_update",
        lambda w, user, obj: services.kim_update(
            kim=obj, updated_by=user, data={"rt": "009"}
        ),
        lambda w: w.draft,
        lambda w: w.inactive,
        STAFF_WRONG,
    ),
    Case(
        "kim_document_add",
        lambda w, user, obj: services.kim_document_add(
            kim=obj, uploaded_by=user, **_doc()
        ),
        lambda w: w.draft,
        lambda w: w.inactive,
        STAFF_WRONG,
    ),
    Case(
        "kim_submit",
        lambda w, user, obj: services.kim_submit(kim=obj, submitted_by=user),
        lambda w: w.draft,
        lambda w: w.verified,
        STAFF_WRONG,
    ),
    Case(
        "kim_verify",
        lambda w, user, obj: services.kim_verify(
            kim=obj, verified_by=user, items=ALL_REQUIREMENTS_PASSED
        ),
        lambda w: w.submitted,
        lambda w: w.draft,
        STAFF_WRONG,
    ),
    Case(
        "kim_reject",
        lambda w, user, obj: services.kim_reject(
            kim=obj, verified_by=user, items=failed(Requirement.values[0])
        ),
        lambda w: w.submitted,
        lambda w: w.verified,
        STAFF_WRONG,
    ),
    Case(
        "kim_deactivate",
        lambda w, user, obj: services.kim_deactivate(
            kim=obj, deactivated_by=user, reason=InactiveReason.DISSOLVED
        ),
        lambda w: w.verified,
        lambda w: w.submitted,
        STAFF_WRONG,
    ),
    Case(
        "kim_invite_user",
        lambda w, user, obj: services.kim_invite_user(
            kim=obj, invited_by=user, email="anggota@kim.example.id"
        ),
        lambda w: w.verified,
        lambda w: w.draft,
        STAFF_WRONG,
    ),
    Case(
        "partnership_start",
        lambda w, user, obj: services.partnership_start(
            kim=obj,
            started_by=user,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2028, 12, 31),
            qualifications=ALL_QUALIFICATIONS,
        ),
        lambda w: w.verified,
        lambda w: w.submitted,
        STAFF_WRONG,
    ),
    Case(
        "review_open",
        lambda w, user, obj: services.review_open(
            kim=obj, opened_by=user, grounds=[ReviewGround.CRIMINAL]
        ),
        lambda w: w.verified,
        lambda w: w.draft,
        REVIEW_WRONG,
        right_actor="prov-jatim",
    ),
    Case(
        "review_comment_add",
        lambda w, user, obj: services.review_comment_add(
            case=obj, author=user, body="Catatan"
        ),
        lambda w: w.case,
        lambda w: w.closed_case,
        REVIEW_WRONG,
        right_actor="prov-jatim",
    ),
    Case(
        "review_evidence_add",
        lambda w, user, obj: services.review_evidence_add(
            case=obj, uploaded_by=user, uploaded_file=pdf_upload("bukti.pdf")
        ),
        lambda w: w.case,
        lambda w: w.closed_case,
        REVIEW_WRONG,
        right_actor="prov-jatim",
    ),
    Case(
        "review_continue",
        lambda w, user, obj: services.review_continue(
            case=obj, decided_by=user, note="Tidak terbukti"
        ),
        lambda w: w.case,
        lambda w: w.closed_case,
        ["prov-jatim", *STAFF_WRONG],
    ),
    Case(
        "review_terminate",
        lambda w, user, obj: services.review_terminate(
            case=obj,
            decided_by=user,
            decision_date=datetime.date(2026, 1, 5),
            decision_number="800/1/2026",
            decision_letter=letter(),
        ),
        lambda w: w.case,
        lambda w: w.closed_case,
        ["prov-jatim", *STAFF_WRONG],
    ),
    Case(
        "change_request_approve",
        lambda w, user, obj: services.change_request_approve(
            change_request=obj, decided_by=user
        ),
        lambda w: w.change_request(),
        lambda w: w.change_request(decided=True),
        STAFF_WRONG,
    ),
    Case(
        "change_request_reject",
        lambda w, user, obj: services.change_request_reject(
            change_request=obj, decided_by=user, note="Belum sesuai"
        ),
        lambda w: w.change_request(),
        lambda w: w.change_request(decided=True),
        STAFF_WRONG,
    ),
    Case(
        "kim_self_update",
        lambda w, user, obj: services.kim_self_update(
            kim=obj, user=user, data={"chair_name": "Rina Wati"}
        ),
        lambda w: w.verified,
        lambda w: w.own_kim_deactivated,
        [*SELF_WRONG, "inactive-kim"],
        right_actor="kim",
    ),
    Case(
        "kim_self_document_add",
        lambda w, user, obj: services.kim_self_document_add(
            kim=obj, user=user, **_doc()
        ),
        lambda w: w.verified,
        lambda w: w.own_kim_deactivated,
        [*SELF_WRONG, "inactive-kim"],
        right_actor="kim",
    ),
]
MATRIX = [
    pytest.param(case, actor, id=f"{case.name}-as-{actor}")
    for case in CASES
    for actor in case.wrong_actors
]


@pytest.fixture
def world(demo_users):
    return World(demo_users)


def _actor(world, name):
    if name == "inactive-kim":
        member = world.member
        member.is_active = False
        member.save(update_fields=["is_active"])
        return member
    return world.actor(name)


def _snapshot():
    return (
        list(Kim.objects.order_by("pk").values_list("pk", "status", "nik", "name")),
        ReviewCase.objects.count(),
        list(ChangeRequest.objects.values_list("pk", "status")),
        NikSequence.objects.count(),
    )


@pytest.mark.parametrize(("case", "actor"), MATRIX)
def test_service_refuses_the_wrong_actor(world, case, actor):
    obj = case.target(world)
    user = _actor(world, actor)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        case.call(world, user, obj)
    assert _snapshot() == before


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name) for c in CASES if c.wrong_state is not None],
)
def test_service_refuses_the_right_actor_in_the_wrong_state(world, case):
    obj = case.wrong_state(world)
    user = _actor(world, case.right_actor)
    before = _snapshot()
    with pytest.raises(TransitionError):
        case.call(world, user, obj)
    assert _snapshot() == before


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_service_lets_the_right_actor_act(world, case):
    """The guard's other half: the matrix above refuses for the right reason only."""
    obj = case.target(world)
    case.call(world, _actor(world, case.right_actor), obj)


def test_province_cannot_verify_a_submitted_kim_of_its_kab_kota_and_no_nik_is_issued(
    world,
):
    kim = world.submitted
    with pytest.raises(PermissionDenied):
        services.kim_verify(
            kim=kim,
            verified_by=world.users["prov-jatim"],
            items=ALL_REQUIREMENTS_PASSED,
        )
    kim.refresh_from_db()
    assert kim.status == KimStatus.SUBMITTED
    assert not kim.nik
    assert not NikSequence.objects.filter(regency_code="35.07").exists()


def test_a_decided_change_request_stays_decided(world):
    request = world.change_request(decided=True)
    with pytest.raises(TransitionError, match="sudah diputuskan"):
        services.change_request_approve(
            change_request=request, decided_by=world.officer
        )
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.REJECTED
