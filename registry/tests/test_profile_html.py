"""A KIM's profile rows and its own page's status rows, written as strings
(views/profile_html), are the rows the templates wrote before, byte for byte, for KIM
with and without every optional value."""

import pytest
from django.template import engines

from registry.choices import InactiveReason, KimStatus
from registry.models import Partnership
from registry.presenters import kim_list_labels
from registry.selectors_profile import kim_own_page_get, kim_profile_get
from registry.tests.factories import KimFactory, VerifiedKimFactory
from registry.views.profile_html import own_status_rows_html, profile_fields_html

pytestmark = pytest.mark.django_db

# The profile's rows as kim_detail.html wrote them in the template language.
TEMPLATE_ROWS = """{% load i18n %}    <dt>{% translate "Tipe" %}</dt><dd>{{ kim.get_kim_type_display|default:"—" }}</dd>
    <dt>{% translate "Ketua/narahubung" %}</dt><dd>{{ kim.chair_name|default:"—" }}</dd>
    <dt>{% translate "Alamat" %}</dt><dd>{{ kim.street|default:"—" }}{% if kim.rt %}, RT {{ kim.rt }}{% endif %}{% if kim.rw %}/RW {{ kim.rw }}{% endif %}{% if kim.house_number %}, No. {{ kim.house_number }}{% endif %}<br>{{ kim.village.name }}, {% translate "Kec." %} {{ kim.village.parent.name }}, {{ kim.village.parent.parent.name }}, {{ kim.village.parent.parent.parent.name }}</dd>
    <dt>{% translate "WhatsApp" %}</dt><dd>{{ kim.whatsapp|default:"—" }}</dd>
    <dt>{% translate "Telepon kantor" %}</dt><dd>{{ kim.phone|default:"—" }}</dd>
    <dt>{% translate "Email" %}</dt><dd>{{ kim.email|default:"—" }}</dd>
    <dt>{% translate "Wilayah jangkauan" %}</dt><dd>{% for village in coverage %}{{ village.name }} ({{ village.parent.name }}){% if not forloop.last %}; {% endif %}{% empty %}—{% endfor %}</dd>
    <dt>{% translate "Kelompok sosial-ekonomi" %}</dt><dd>{{ labels.social_groups|join:", "|default:"—" }}</dd>
    <dt>{% translate "Jenis media" %}</dt><dd>{{ labels.media_types|join:", "|default:"—" }}</dd>
    <dt>{% translate "Bidang kegiatan" %}</dt><dd>{{ labels.fields|join:", "|default:"—" }}</dd>
    <dt>{% translate "Isu publik" %}</dt><dd>{{ kim.public_issues|linebreaksbr|default:"—" }}</dd>
    <dt>{% translate "Frekuensi diseminasi" %}</dt><dd>{% if kim.frequency_count %}{{ kim.frequency_count }} {{ kim.get_frequency_unit_display }}{% else %}—{% endif %}</dd>
    <dt>{% translate "Jenis konten" %}</dt><dd>{{ labels.content_types|join:", "|default:"—" }}</dd>
    <dt>{% translate "Kekuatan (jangkauan)" %}</dt><dd>{{ kim.power_reach }}</dd>
    <dt>{% translate "Pengaruh (respons positif)" %}</dt><dd>{{ kim.influence_response }}</dd>
    {% if kim.inactive_reason %}<dt>{% translate "Alasan tidak aktif" %}</dt><dd>{{ kim.get_inactive_reason_display }}</dd>{% endif %}"""

# The status card's rows as self/my_kim.html wrote them in the template language.
TEMPLATE_OWN_ROWS = """{% load i18n %}    <dt>{% translate "Status" %}</dt><dd><span class="badge badge-{{ kim.status }}">{{ kim.get_status_display }}</span></dd>
    <dt>{% translate "NIK" %}</dt><dd>{{ kim.nik|default:"—" }}</dd>
    <dt>{% translate "Tipe" %}</dt><dd>{{ kim.get_kim_type_display|default:"—" }}</dd>
    <dt>{% translate "Desa/kelurahan" %}</dt><dd>{{ kim.village.name }}, {{ kim.village.parent.name }}, {{ kim.village.parent.parent.name }}</dd>
    <dt>{% translate "Kemitraan" %}</dt><dd>{% if partnership %}<span class="badge badge-{{ partnership.status }}">{{ partnership.get_status_display }}</span> {{ partnership.starts_on|date:"j M Y" }} – {{ partnership.ends_on|date:"j M Y" }}{% else %}{% translate "Belum bermitra" %}{% endif %}</dd>"""


@pytest.mark.parametrize(
    "values",
    [
        {},
        {
            "name": 'A <b> & "c"',
            "kim_type": "",
            "chair_name": "",
            "street": "",
            "rt": "",
            "rw": "",
            "whatsapp": "",
            "email": "",
            "media_types": [],
            "fields": ["zz_old", "kesehatan"],
            "social_groups": ["petani", "x<y"],
            "content_types": ["berita"],
            "public_issues": "satu\r\ndua <b>\n\ntiga & empat",
            "frequency_count": 3,
            "frequency_unit": "month",
            "power_reach": 1234567,
            "phone": "0341 <1>",
        },
        {"house_number": "12A", "rt": "", "rw": "007", "frequency_count": 0},
        {"street": "Jl. <Baru>", "rt": "1", "rw": "", "frequency_unit": "week"},
    ],
)
def test_rows_are_the_template_markup(demo_users, values):
    kim = KimFactory(**values)
    kim.coverage_villages.set(["35.07.01.2002", "35.07.01.2001"] if values else [])
    _assert_same_rows(demo_users["kab-malang"], kim)


def test_rows_of_an_inactive_kim(demo_users):
    kim = VerifiedKimFactory(
        status=KimStatus.INACTIVE, inactive_reason=InactiveReason.MOVED
    )
    _assert_same_rows(demo_users["kementerian"], kim)


def _assert_same_rows(user, kim) -> None:
    read, profile = kim_profile_get(user=user, pk=kim.pk)
    labels = kim_list_labels(read)
    expected = (
        engines["django"]
        .from_string(TEMPLATE_ROWS)
        .render({"kim": read, "labels": labels, "coverage": profile.coverage})
    )
    assert profile_fields_html(read, labels=labels, coverage=profile.coverage) == (
        expected
    )


@pytest.mark.parametrize("partnership_status", [None, "active", "ended"])
@pytest.mark.parametrize(
    "values", [{}, {"nik": None, "kim_type": "", "status": KimStatus.SUBMITTED}]
)
def test_own_status_rows_are_the_template_markup(
    demo_users, values, partnership_status
):
    kim = VerifiedKimFactory(**values)
    if partnership_status:
        Partnership.objects.create(
            kim=kim,
            starts_on="2026-02-01",
            ends_on="2027-01-31",
            status=partnership_status,
            created_by=demo_users["kab-malang"],
        )
    read, page = kim_own_page_get(user=demo_users["kab-malang"], pk=kim.pk)
    expected = (
        engines["django"]
        .from_string(TEMPLATE_OWN_ROWS)
        .render({"kim": read, "partnership": page.partnership})
    )
    assert ("Belum bermitra" in expected) is (partnership_status is None)
    assert own_status_rows_html(read, partnership=page.partnership) == expected
