"""The benchmark's URLconf: the project's URLs and the baseline view (tests/benchmarks/baseline.py)."""

from django.urls import include, path

from tests.benchmarks import baseline

urlpatterns = [
    path("__benchmark__/baseline/", baseline.baseline, name="benchmark_baseline"),
    path("", include("portal.urls")),
]
