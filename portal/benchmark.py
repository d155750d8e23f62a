"""The benchmark's baseline: the cheapest page this project can serve, measured beside the real ones.

`make bench` (tests/benchmarks/) reports every page as a ratio to this view in the same run, so the
figures mean the same on any machine. It goes through the whole middleware stack like every page, runs
one query and renders a tiny template; it exists only when PORTAL_BENCHMARK is set, never in a real
deployment, and is never counted as a page view.
"""

from django.shortcuts import render

from portal.models import SiteSettings


def baseline(request):
    agency_name = SiteSettings.objects.filter(pk=1).values_list("agency_name", flat=True).first()
    return render(request, "portal/benchmark_baseline.html", {"agency_name": agency_name})
