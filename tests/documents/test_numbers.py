"""Document numbers: one key however they are typed, and what counts as a cited number."""

import pytest

from documents.numbers import citations, number_key, number_value


@pytest.mark.parametrize(
    "typed", ["44-KL/TW", "44/KL-TW", "44 kl tw", "44KLTW", " 44 - KL / TW ", "４４-KL/TW"]
)
def test_every_way_of_typing_a_number_gives_one_key(typed):
    assert number_key(typed) == "44kltw"


def test_the_key_keeps_letters_and_digits_lower_case_with_d_for_d_stroke():
    assert number_key("42/2022/NĐ-CP") == "422022ndcp"
    assert number_key("1234/QĐ-UBND") == "1234qdubnd"
    assert number_key("15/2024/TT-BGDĐT") == "152024ttbgddt"


def test_the_number_value_is_the_number_a_document_number_starts_with():
    assert number_value("1234/QĐ-UBND") == 1234
    assert number_value("09-CT/TW") == 9
    assert number_value("Không số") is None


def cited(text):
    return [match[0] for match, _key in citations(text)]


def test_numbers_cited_in_running_text_are_found_whole():
    text = "Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 và Nghị định 42/2022/NĐ-CP, Chỉ thị 09-CT/TW."
    assert cited(text) == ["44-KL/TW", "42/2022/NĐ-CP", "09-CT/TW"]


@pytest.mark.parametrize(
    "text",
    [
        "số 144-KL/TW",
        "số 44-KL/TWX",
        "số 44-KL/TW-2",
        "mã A44-KL/TW",
        "ngày 22/01/2019",
        "a/44-KL/TW",
        "44-KL/TW.5",
    ],
)
def test_a_part_of_a_longer_number_or_a_date_is_no_citation_of_44_kl_tw(text):
    assert "44-KL/TW" not in cited(text)
    assert "44kltw" not in [key for _match, key in citations(text)]
