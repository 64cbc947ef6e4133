"""Redactor: protected names withheld in any case, whole words only, longest
first, and fast with thousands of names (it only tries names whose first word
the text contains)."""

from __future__ import annotations

from incidents.text import WITHHELD, Redactor


def test_it_withholds_names_in_any_case_and_script() -> None:
    redact = Redactor(["Ales Bialiatski", "Алесь Бяляцкі"])
    assert redact("ALES BIALIATSKI was detained.") == f"{WITHHELD} was detained."
    assert redact("алесь бяляцкі затрыманы") == f"{WITHHELD} затрыманы"


def test_the_longest_name_wins() -> None:
    redact = Redactor(["Ales", "Ales Bialiatski"])
    assert redact("Ales Bialiatski and Ales.") == f"{WITHHELD} and {WITHHELD}."


def test_only_whole_words_match() -> None:
    redact = Redactor(["Ales"])
    assert redact("Alesya and Kales are free.") == "Alesya and Kales are free."


def test_names_with_punctuation_match() -> None:
    redact = Redactor(["O'Brien-Smith", "«Viasna» volunteer"])
    assert redact("Ms o'brien-smith met the «Viasna» volunteer.") == (
        f"Ms {WITHHELD} met the {WITHHELD}."
    )


def test_it_finds_one_name_among_thousands() -> None:
    names = [f"Person{i} Surname{i}" for i in range(10_000)]
    redact = Redactor(names)
    assert redact("Seen with person9999 surname9999 today.") == f"Seen with {WITHHELD} today."
    assert redact("Nobody protected here.") == "Nobody protected here."


def test_nothing_to_withhold() -> None:
    assert Redactor([])("Text.") == "Text."
    assert Redactor(["", "  "])("Text.") == "Text."


def test_dotted_and_dotless_i_match_as_the_pattern_does() -> None:
    redact = Redactor(["Ilham Aliyev", "Işıl Kaya"])
    assert redact("İLHAM ALİYEV spoke.") == f"{WITHHELD} spoke."
    assert redact("İlham Aliyev spoke.") == f"{WITHHELD} spoke."
    assert redact("ISIL KAYA wrote.") == "ISIL KAYA wrote."  # ş is not s, as before
    assert redact("IŞIL KAYA wrote.") == f"{WITHHELD} wrote."
