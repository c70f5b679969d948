"""KIM list exports: exactly the list the user filtered, as CSV (streamed) or XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kimportal.security.exports import record_export

from ..exports import CONTENT_TYPES, EXPORT_FORMATS, kim_csv_stream, kim_xlsx_file
from ..selectors import kim_list


@login_required
@require_GET
def kim_export(request, fmt: str):
    """The KIM list with the list page's filters (`request.GET`), for staff readers."""
    # Agencies and KIM have no KIM list, so for them the export does not exist.
    if fmt not in EXPORT_FORMATS or not request.user.has_perm("registry.view_kim"):
        raise Http404
    queryset = kim_list(user=request.user, filters=request.GET)
    record_export(request, name="kim", fmt=fmt, rows=queryset.count())
    filename = f"kim-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            kim_csv_stream(queryset), content_type=CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            kim_xlsx_file(queryset),
            as_attachment=True,
            filename=filename,
            content_type=CONTENT_TYPES["xlsx"],
        )
    response["Cache-Control"] = "private, no-store"
    return response
