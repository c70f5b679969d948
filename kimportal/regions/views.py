"""htmx endpoints behind the region picker: children of a region, or a search by name."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import RegionLevel
from .selectors import region_list

# The picker's selects, outermost first; each one's value is the parent of the next.
CASCADE = ["province", "regency", "district"]
MAX_SEARCH_RESULTS = 20


@require_GET
def region_options(request):
    """`<option>`s for the children of the deepest region chosen so far."""
    parent = next(
        (request.GET[k] for k in reversed(CASCADE) if request.GET.get(k)), None
    )
    regions = (
        region_list(parent=parent)
        if parent
        else region_list(level=RegionLevel.PROVINCE)
    )
    return render(request, "regions/options.html", {"regions": regions})


@require_GET
def region_search(request):
    """Desa/kelurahan whose name contains `q`, within `within` (a code prefix) if given."""
    query = request.GET.get("q", "").strip()
    within = request.GET.get("within", "").strip()
    regions = []
    if len(query) >= 3:
        qs = region_list(level=RegionLevel.VILLAGE, query=query)
        if within:
            qs = qs.filter(code__startswith=within)
        regions = list(
            qs.select_related("parent__parent").only(
                "code", "name", "level", "parent__name", "parent__parent__name"
            )[:MAX_SEARCH_RESULTS]
        )
    return render(
        request, "regions/search_results.html", {"regions": regions, "query": query}
    )
