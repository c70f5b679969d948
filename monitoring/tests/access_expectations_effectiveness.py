"""Effectiveness rows of the role × URL access test (merged into monitoring's rows).

Roles in order: anonymous kementerian prov-jatim kab-malang kota-malang kl-demo kim-demo.
The dashboards open on each officer's own scope; the material is Kabupaten Malang's, so
Kota Malang gets 404 for its loop; KIM and agencies have no dashboards (404, API 403).
The survey is public.
"""

EXPECTED = {
    "monitoring:survey": "200 200 200 200 200 200 200",
    "monitoring:effectiveness": "L 200 200 200 200 404 404",
    "monitoring:effectiveness-export": "L 200 200 200 200 404 404",
    "monitoring:material-effectiveness": "L 200 200 200 404 404 404",
    "api-stats": "401 200 200 200 200 403 403",
}

PARAMETERS_BY_NAME = {
    "monitoring:survey": lambda w: {"code": w["tracked_link"].code},
    "monitoring:effectiveness-export": lambda w: {"fmt": "csv"},
}
