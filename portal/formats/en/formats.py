# English formats for the English site (/en/): dates that read one way only, "1 December 2026" and
# "1 December 2026, 08:30". Django's own en formats write "12/01/2026", which a Vietnamese reader (and
# most of the world) reads as 12 January.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Vietnam
