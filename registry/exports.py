"""The KIM list as CSV and XLSX through the core's streaming export helper
(`kimportal.core.exports`): the columns of `KimResource`, computed by PostgreSQL, so
100,000 KIM leave as a COPY stream (CSV) or a streamed workbook (XLSX)."""

from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kimportal.core.exports import (
    ChoiceListLabels,
    Column,
    choice_label,
    export_response,
)

from .choices import GovernmentAffair, KimStatus, KimType, MediaType, PartnershipStatus
from .models import Kim, Partnership

EXPORT_FORMATS = ("csv", "xlsx")


def _address():
    text = TextField()
    number = Case(
        When(~Q(house_number=""), then=Concat(Value(_("No.") + " "), "house_number")),
        default=None,
        output_field=text,
    )
    rt_rw = Case(
        When(
            ~Q(rt="") | ~Q(rw=""),
            then=Concat(
                Value("RT "),
                Coalesce(_blank_as_null("rt"), Value("-")),
                Value("/RW "),
                Coalesce(_blank_as_null("rw"), Value("-")),
                output_field=text,
            ),
        ),
        default=None,
        output_field=text,
    )
    from django.db.models import Func

    return Func(
        Value(", "),
        _blank_as_null("street"),
        number,
        rt_rw,
        function="concat_ws",
        output_field=text,
    )


def _blank_as_null(field: str):
    from django.db.models.functions import NullIf

    return NullIf(F(field), Value(""), output_field=CharField())


def _partnership():
    latest = Partnership.objects.filter(kim=OuterRef("pk")).order_by(
        "-starts_on", "-id"
    )
    status = Subquery(latest.values("status")[:1])
    return Case(
        *[
            When(Q(partnership_status=c.value), then=Value(str(c.label)))
            for c in PartnershipStatus
        ],
        default=Value(_("Bukan mitra")),
        output_field=TextField(),
    ), status


def kim_export_columns() -> list[Column]:
    """The columns of the KIM list export, with the headers of `KimResource`."""
    partnership_label, _status = _partnership()
    return [
        Column(_("NIK"), "nik"),
        Column(_("Nama KIM"), "name"),
        Column(_("Tipe"), choice_label("kim_type", KimType)),
        Column(_("Status"), choice_label("status", KimStatus)),
        Column(_("Provinsi"), "village__parent__parent__parent__name"),
        Column(_("Kabupaten/Kota"), "village__parent__parent__name"),
        Column(_("Kecamatan"), "village__parent__name"),
        Column(_("Desa/Kelurahan"), "village__name"),
        Column(_("Kode desa/kelurahan"), "village_id"),
        Column(_("Alamat"), _address()),
        Column(_("Ketua/narahubung"), "chair_name"),
        Column(_("WhatsApp"), "whatsapp"),
        Column(_("Email"), "email"),
        Column(_("Jenis media"), ChoiceListLabels(F("media_types"), MediaType)),
        Column(_("Bidang kegiatan"), ChoiceListLabels(F("fields"), GovernmentAffair)),
        Column(_("Status kemitraan"), partnership_label),
        Column(_("Tanggal verifikasi"), TruncDate("verified_at")),
    ]


def kim_export_response(queryset: QuerySet[Kim], fmt: str) -> StreamingHttpResponse:
    """The scoped KIM `queryset` as a streamed CSV or XLSX attachment."""
    _label, status = _partnership()
    return export_response(
        fmt,
        filename=f"kim-{timezone.localdate().isoformat()}",
        queryset=queryset.annotate(partnership_status=status),
        columns=kim_export_columns(),
        title="KIM",
    )


def _background_build(user, filters):
    """The KIM list export as a background job builds it: the list as `user` sees it
    with the list page's `filters` (the job re-applies the requester's scope)."""
    from .selectors import kim_list

    _label, status = _partnership()
    queryset = kim_list(user=user, filters=filters).annotate(partnership_status=status)
    name = f"kim-{timezone.localdate().isoformat()}"
    return queryset, kim_export_columns(), "KIM", name


def register_background() -> None:
    from kimportal.imports.exportjobs import (
        BackgroundExport,
        register_background_export,
    )

    register_background_export(
        BackgroundExport(
            key="kim",
            label=_("Daftar KIM"),
            name="kim",
            may_export=lambda user: user.has_perm("registry.view_kim"),
            build=_background_build,
        )
    )
