"""The benchmark's baseline: the cheapest page this project can serve, measured beside the real ones.

`make bench` (tests/benchmarks/) reports every page as a ratio to this view in the same run, so the
figures mean the same on any machine. It goes through the whole middleware stack like every page, runs
one query and renders a tiny template. It is mounted only by the benchmark's own URLconf
(tests/benchmarks/urls.py, which gunicorn gets as ROOT_URLCONF in `make bench`), never by the
project's, and is never counted as a page view.
"""

from django.http import HttpResponse
from django.template import engines

from frame.models import SiteSettings

TEMPLATE = engines["django"].from_string(
    '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>{{ agency_name }}</title></head>\n'
    "<body><h1>{{ agency_name }}</h1></body></html>\n"
)


def baseline(request):
    agency_name = SiteSettings.objects.filter(pk=1).values_list("agency_name", flat=True).first()
    return HttpResponse(TEMPLATE.render({"agency_name": agency_name}, request))
