"""`make bench`: load figures against a baseline (run.py), never collected by pytest.

The addresses the runner loads, named here for both sides: bench-article is the newest article of
bench-category-01 in the database django_side.py builds, bench-van-ban one of its 20 000 documents.
"""

ARTICLE_SLUG = "bench-article"
CATEGORY_SLUG = "bench-category-01"
SEARCH = "dang bo tinh"
# Documents (documents/): bench-van-ban is 44-KL/TW, searched for the way a reader types it; the words
# are in most documents' files, a search that reads many candidates.
DOCUMENT_SLUG = "bench-van-ban"
DOCUMENT_NUMBER_SEARCH = "44 kl tw"
DOCUMENT_WORDS_SEARCH = "chuyen doi so"
# A static page (frame's "trang/"), as staff write them: the edge table of run.py reads it.
PAGE_SLUG = "bench-gioi-thieu"
# The agency (agency/): bench-don-vi is a department of the chart, with officials and sub-units.
UNIT_SLUG = "bench-don-vi"
# An article like ARTICLE_SLUG (a cover, the same kind of body) with 20 published readers' opinions.
OPINIONS_SLUG = "bench-cover-1"
OPINIONS = 20
