"""CSV downloads from the admin (feedback, statistics)."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """Text for one CSV cell; a would-be formula is prefixed with a quote so it stays text."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    elif hasattr(value, "day"):
        value = date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows):
    """A CSV attachment that Excel opens as UTF-8 (the byte order mark keeps Vietnamese intact)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return response
