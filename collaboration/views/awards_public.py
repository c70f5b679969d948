"""The publication page of awards: public (no login), because an award is announced
to the community it serves. It shows published periods only, and of each award only
the KIM's name and desa, the award, the final score and rank, the rule the ranking
followed and the certificate's verification link — no contact or personal data."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..selectors_awards import published_awards, published_period_get, published_periods


def award_public_list_view(request):
    page = Paginator(published_periods(), 20).get_page(request.GET.get("page"))
    return render(request, "collaboration/awards/public_list.html", {"page": page})


def award_public_detail_view(request, pk: int):
    period = published_period_get(pk=pk)
    return render(
        request,
        "collaboration/awards/public_detail.html",
        {"period": period, "grants": published_awards(period=period)},
    )
