"""The benchmark's URLconf: the project's URLs and the baseline view (tests/benchmarks/baseline.py)."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns
from tests.benchmarks import baseline

# Added to, not included: the project's URLs hold i18n_patterns, which Django allows only at the root.
urlpatterns = [
    path("__benchmark__/baseline/", baseline.baseline, name="benchmark_baseline"),
    *portal_urlpatterns,
]
