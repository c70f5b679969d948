"""KIM list exports: exactly the list the user filtered, as CSV or XLSX, streamed; a\nlist above the background threshold gets the offer of a background export instead."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from kimportal.imports.exportjobs import runs_in_background
from kimportal.imports.views_exports import export_offer_response
from kimportal.security.exports import record_export

from ..exports import EXPORT_FORMATS, kim_export_response
from ..selectors import kim_list


@login_required
@require_GET
def kim_export(request, fmt: str):
    """The KIM list with the list page's filters (`request.GET`), for staff readers."""
    # Agencies and KIM have no KIM list, so for them the export does not exist.
    if fmt not in EXPORT_FORMATS or not request.user.has_perm("registry.view_kim"):
        raise Http404
    queryset = kim_list(user=request.user, filters=request.GET)
    rows = queryset.count()
    if runs_in_background(fmt, rows):  # too big for one request: offer a job
        return export_offer_response(request, kind="kim", fmt=fmt, rows=rows)
    record_export(request, name="kim", fmt=fmt, rows=rows)
    return kim_export_response(queryset, fmt)
