import pytest
from django.urls import reverse

from collaboration.choices import Skill, SkillLevel
from collaboration.models import CapacityNeed
from collaboration.selectors_needs import needs_summary
from registry.tests.factories import UserFactory

from .factories import file_need, malang_kim

pytestmark = pytest.mark.django_db

FORM = {
    "media_social": "ready",
    "media_print": "not_ready",
    "content_types": ["photo", "video"],
    "published_on": ["social"],
    "production_members": "3",
    "skill_writing": "2",
    "skill_video": "1",
    "training_video": "on",
    "skill_photography": "4",
    "production_management": "ad_hoc",
}


def test_kim_files_its_needs_from_the_phone_form(client, kims, kim_user):
    client.force_login(kim_user)
    page = client.get(reverse("collaboration:need-create"))
    assert page.status_code == 200
    assert b"<script>" not in page.content and b"onclick" not in page.content
    answer = client.post(reverse("collaboration:need-create"), FORM)
    assert answer.status_code == 302
    need = CapacityNeed.objects.get(kim=kims["a"])
    assert need.media_readiness == {"social": "ready", "print": "not_ready"}
    assert need.created_by == kim_user
    assert {s.skill: s.is_needed for s in need.skills.all()} == {
        "writing": True,
        "video": True,
        "photography": False,
    }
    listing = client.get(reverse("collaboration:need-list"))
    assert "Pengambilan dan penyuntingan video" in listing.content.decode()


def test_kim_form_shows_service_errors(client, kims, kim_user):
    client.force_login(kim_user)
    answer = client.post(
        reverse("collaboration:need-create"),
        {"production_management": "planned", "production_members": "1"},
    )
    assert answer.status_code == 400
    assert "paling sedikit satu" in answer.content.decode()


def test_staff_files_on_behalf_of_a_kim_in_scope_only(client, kab, kims, demo_users):
    client.force_login(kab)
    url = reverse("collaboration:need-create-for-kim", args=[kims["b"].pk])
    answer = client.post(url, FORM)
    need = CapacityNeed.objects.get(kim=kims["b"])
    assert answer.status_code == 302 and answer["Location"] == need.get_absolute_url()
    assert need.created_by == kab
    client.force_login(demo_users["kota-malang"])
    assert client.post(url, FORM).status_code == 404


def test_summary_aggregates_latest_filings_per_skill_and_kecamatan(
    kab, kims, demo_users
):
    file_need(kab, kims["a"], {Skill.VIDEO: SkillLevel.NONE, Skill.WRITING: 4})
    file_need(kab, kims["b"], {Skill.VIDEO: SkillLevel.NONE})
    file_need(kab, kims["b"], {Skill.VIDEO: SkillLevel.ADVANCED})  # newer
    file_need(kab, kims["c"], {Skill.VIDEO: SkillLevel.BASIC})
    summary = needs_summary(user=kab)
    assert summary["filings"] == 3
    by_skill = {row["skill"]: row for row in summary["skills"]}
    assert by_skill["video"]["needing"] == 2 and by_skill["video"]["rated"] == 3
    assert by_skill["writing"]["needing"] == 0
    districts = {d["code"]: d for d in summary["districts"]}
    assert districts["35.07.01"]["name"] == "Donomulyo"
    assert districts["35.07.01"]["total"] == 1 and districts["35.07.02"]["total"] == 1
    assert needs_summary(user=kab, region="35.07.02")["filings"] == 1
    assert needs_summary(user=demo_users["kota-malang"])["filings"] == 0


def test_summary_page_has_a_chart_with_a_table_and_constant_queries(
    client, kab, kims, django_assert_max_num_queries
):
    client.force_login(kab)
    url = reverse("collaboration:need-list")
    for kim in (kims["a"], kims["b"]):
        file_need(kab, kim, {Skill.VIDEO: SkillLevel.NONE})
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for i in range(8):
        file_need(kab, malang_kim(f"KIM Tambah {i}"), {Skill.VIDEO: SkillLevel.NONE})
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    content = page.content.decode()
    assert "<svg" in content and "<table" in content
    assert "need_skills=video" in content
    assert page.context["summary"]["skills"][2]["needing"] == 10


def test_targeting_page_lists_pembinaan_first_with_a_link_from_the_summary(
    client, kab, kims
):
    client.force_login(kab)
    file_need(kab, kims["c"], {Skill.VIDEO: SkillLevel.NONE})
    page = client.get(reverse("collaboration:targeting"), {"need_skills": "video"})
    assert [k.name for k in page.context["page"].object_list] == ["KIM Cempaka"]
    assert (
        client.get(reverse("collaboration:targeting"), {"region": "x" * 20}).status_code
        == 200
    )


def test_kim_home_prompts_for_capacity_needs_until_filed(client, kims, kim_user):
    client.force_login(kim_user)
    home = client.get(reverse("home")).content.decode()
    assert reverse("collaboration:need-create") in home
    file_need(kim_user, kims["a"])
    home = client.get(reverse("home")).content.decode()
    assert reverse("collaboration:need-create") not in home


def test_agency_and_other_kim_do_not_see_a_filing(client, kab, kims, demo_users):
    need = file_need(kab, kims["a"])
    other = UserFactory(role="kim", kim=kims["b"])
    for user in (other, demo_users["kl-demo"], demo_users["kota-malang"]):
        client.force_login(user)
        assert client.get(need.get_absolute_url()).status_code == 404
