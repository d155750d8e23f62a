"""Document numbers (“số, ký hiệu”): the key a number is found by, however it is typed or cited.

"44-KL/TW", "44/KL-TW", "44 kl tw" and "44KLTW" are one number: its key keeps letters and digits
only, lower case, đ→d and accents dropped ("44kltw"). The key is stored (Document.number_key, with an
index) and a search whose key equals it ranks that document first.

In the text of articles and pages a cited number is a whole word of digits followed by parts joined
with "/" or "-" ("Kết luận số 44-KL/TW", "Nghị định 42/2022/NĐ-CP"), with at least one letter (so a date
22/01/2019 is none) and nothing of a word, "/" or "-" on either side: "144-KL/TW" and "44-KL/TWX"
do not cite 44-KL/TW. A sentence's full stop after it is fine.
"""

import re
import unicodedata

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_NUMBER_VALUE = re.compile(r"\d{1,9}")
CITATION = re.compile(r"(?<![\w/.-])\d{1,6}(?:[/-][0-9A-Za-zĐđ]+)+(?![\w/-])(?!\.\w)")


def number_key(value):
    """The key of a document number: "42/2022/NĐ-CP" -> "422022ndcp"."""
    folded = unicodedata.normalize("NFKD", str(value).translate(_D_STROKE))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum()).lower()


def number_value(value):
    """The number a document number starts with, for sorting by number: "1234/QĐ-UBND" -> 1234."""
    match = _NUMBER_VALUE.match(str(value).strip())
    return int(match[0]) if match else None


def is_citable(key):
    """A key that can be cited in running text: digits first and a letter somewhere (not a date)."""
    return bool(key) and key[0].isdigit() and any(ch.isalpha() for ch in key)


def citations(text):
    """(match, key) of every cited number in `text` (see the module docstring)."""
    for match in CITATION.finditer(text):
        key = number_key(match[0])
        if is_citable(key):
            yield match, key
