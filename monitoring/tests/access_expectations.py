"""Monitoring's rows of the role × URL access test (tests/test_access.py,
moving to tests/test_access.py), kept here so the matrix only imports them.

Roles in order: anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo.
The world: a material of Kabupaten Malang published to the world's KIM (`kim-demo`'s),
a submitted report of that KIM with a photo and an evidence link, its content item.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from kimportal.core.dates import today_in_jakarta

EXPECTED = {
    "monitoring:tracked-link": "R R R R R R R",
    "monitoring:report-list": "L 200 200 200 200 404 200",
    "monitoring:report-export": "L 200 200 200 200 404 200",
    "monitoring:report-create": "L 404 404 404 404 404 200",
    "monitoring:reports-validate": "L 405 405 405 405 405 405",
    "monitoring:report-detail": "L 200 200 200 404 404 200",
    "monitoring:report-update": "L 403 403 R 404 404 R",
    "monitoring:report-submit": "L 405 405 405 405 405 405",
    "monitoring:report-validate": "L 405 405 405 405 405 405",
    "monitoring:report-return": "L 403 403 200 404 404 403",
    "monitoring:report-correct": "L 403 403 R 404 404 R",
    "monitoring:report-photo": "L 200 200 200 404 404 200",
    "monitoring:material-list": "L 200 200 200 200 404 200",
    "monitoring:material-create": "L 200 200 200 200 404 404",
    "monitoring:material-detail": "L 200 200 200 404 404 200",
    "monitoring:material-update": "L 403 403 R 404 404 403",
    "monitoring:material-publish": "L 405 405 405 405 405 405",
    "monitoring:material-withdraw": "L 405 405 405 405 405 405",
    "monitoring:material-file": "L 200 200 200 404 404 200",
    "monitoring:content-detail": "L 200 200 200 404 404 200",
}
_API = {
    "api-material-list": "401 200 200 200 200 403 200",
    "api-material-detail": "401 200 200 200 404 403 200",
    "api-material-publish": "401 405 405 405 405 403 405",
    "api-material-withdraw": "401 405 405 405 405 403 405",
    "api-report-list": "401 200 200 200 200 403 200",
    "api-report-detail": "401 200 200 200 404 403 200",
    "api-report-submit": "401 405 405 405 405 403 405",
    "api-report-validate": "401 405 405 405 405 403 405",
    "api-report-validate-many": "401 405 405 405 405 403 405",
    "api-report-return": "401 405 405 405 405 403 405",
    "api-content-list": "401 200 200 200 200 403 200",
    "api-content-detail": "401 200 200 200 404 403 200",
}
for _name, _outcomes in _API.items():
    EXPECTED[_name] = EXPECTED[f"{_name} (format)"] = _outcomes

PARAMETERS_BY_NAME = {
    "monitoring:tracked-link": lambda w: {"code": w["tracked_link"].code},
    "monitoring:report-export": lambda w: {"fmt": "xlsx"},
    "monitoring:material-file": lambda w: {"pk": w["material_file"].pk},
}
PK_OBJECT_BY_PREFIX = [
    ("monitoring:report-", "report"),
    ("monitoring:material-", "material"),
    ("monitoring:content-", "content_item"),
    ("api-material-", "material"),
    ("api-report-", "report"),
    ("api-content-", "content_item"),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def build_monitoring_world(world: dict) -> dict:
    """Monitoring's objects in Kabupaten Malang, for `world` of access_world.py."""
    from kimportal.accounts.models import User
    from monitoring import services
    from monitoring.models import TrackedLink

    officer = world["user"]
    kim = world["kim"]
    kim_user = User.objects.get(username="kim-demo")
    today = today_in_jakarta()
    material = services.material_create(
        created_by=officer,
        data={
            "title": "Bahan uji akses",
            "message": "Pesan",
            "format": "text",
            "url": "https://malangkab.go.id/bahan",
            "period_start": today,
            "period_end": today,
        },
        files=[SimpleUploadedFile("bahan.pdf", PDF, content_type="application/pdf")],
    )
    services.material_publish(material=material, published_by=officer)
    report = services.report_create(
        kim=kim,
        created_by=kim_user,
        data={
            "action_kind": "social_post",
            "format": "video",
            "medium": "social",
            "activity_date": today,
            "material": material.pk,
        },
        evidence_urls=["https://youtu.be/dQw4w9WgXcQ"],
        photo=SimpleUploadedFile("foto.jpg", JPEG, content_type="image/jpeg"),
        submit=True,
    )
    return {
        "material": material,
        "material_file": material.files.get(),
        "tracked_link": TrackedLink.objects.filter(delivery__kim=kim).first(),
        "report": report,
        "content_item": report.evidence.get().content_item,
    }


# Effectiveness pages, the survey and the stats API (issue 9, items 8–11).
from .access_expectations_effectiveness import (  # noqa: E402
    EXPECTED as _EFFECTIVENESS_EXPECTED,
)
from .access_expectations_effectiveness import (  # noqa: E402
    PARAMETERS_BY_NAME as _EFFECTIVENESS_PARAMETERS,
)

EXPECTED.update(_EFFECTIVENESS_EXPECTED)
PARAMETERS_BY_NAME.update(_EFFECTIVENESS_PARAMETERS)
