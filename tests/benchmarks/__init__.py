"""`make bench`: load figures against a baseline (run.py), never collected by pytest.

The addresses the runner loads, named here for both sides: bench-article is the newest article of
bench-category-01 in the database django_side.py builds.
"""

ARTICLE_SLUG = "bench-article"
CATEGORY_SLUG = "bench-category-01"
SEARCH = "dang bo tinh"
