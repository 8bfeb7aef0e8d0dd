"""Vietnamese folding, tone placement, slugs and collation."""

import unicodedata

from builder.core.text import (
    collation_key,
    match_key,
    name_collation_key,
    normalize_tone_placement,
    slugify,
)


def test_fold_removes_tones_and_d_stroke():
    assert match_key("Người tốt, việc tốt") == "nguoi tot, viec tot"
    assert match_key("Thi đua") == "thi dua"
    assert match_key("ĐẮK LẮK") == "dak lak"


def test_nfd_input_folds_like_nfc():
    composed = "Hòa Phong"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert match_key(decomposed) == match_key(composed)


def test_both_tone_placements_are_one_word():
    assert normalize_tone_placement("Hoà Phong") == "Hòa Phong"
    assert normalize_tone_placement("THUỶ") == "THỦY"
    assert normalize_tone_placement("Hòa") == "Hòa"
    # only a syllable's final "oa", "oe", "uy", and not the "u" of "qu"
    assert normalize_tone_placement("hoàn thành, toàn dân, Toà án, khoẻ") == "hoàn thành, toàn dân, Tòa án, khỏe"
    assert normalize_tone_placement("quý I, Quỳnh, tuỳ") == "quý I, Quỳnh, tùy"
    assert slugify("Hoà Phong") == slugify("Hòa Phong") == "hoa-phong"


def test_slugify_ids():
    assert slugify("Đại hội Thi đua yêu nước 2025!") == "dai-hoi-thi-dua-yeu-nuoc-2025"


def test_vietnamese_alphabet_order():
    words = ["đào", "da", "ăn", "an", "âm", "e", "ê", "dê", "b", "o", "ơ", "ô", "u", "ư"]
    assert sorted(words, key=collation_key) == ["an", "ăn", "âm", "b", "da", "dê", "đào", "e", "ê",
                                                "o", "ô", "ơ", "u", "ư"]


def test_tones_break_ties_in_order():
    words = ["mạ", "mã", "mả", "má", "mà", "ma"]
    assert sorted(words, key=collation_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]


def test_names_sort_by_given_name():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Đức", "Phạm Thị Dung"]
    assert sorted(names, key=name_collation_key) == ["Nguyễn Thị An", "Trần Văn Bình", "Phạm Thị Dung", "Lê Văn Đức"]
