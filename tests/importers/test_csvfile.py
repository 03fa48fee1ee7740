"""The CSV core: encodings, delimiters, line numbers, caps; and its fuzz test."""

from __future__ import annotations

import codecs
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nextround.importers import ImportFailed
from nextround.importers.csvfile import MAX_CELL, MAX_COLUMNS, SAMPLE_BYTES, read_rows

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = 'Name,Town\r\nJosé,Köln\r\n"Müller, Zoë","Line one\nline two"\r\nŁukasz,Wrocław\r\n'


def _read(data: bytes) -> tuple[str, str, list[tuple[int, list[str]]]]:
    shape, rows = read_rows(io.BytesIO(data))
    return shape.encoding, shape.delimiter, list(rows)


EXPECTED = [
    (1, ["Name", "Town"]),
    (2, ["José", "Köln"]),
    (3, ["Müller, Zoë", "Line one\nline two"]),
    (5, ["Łukasz", "Wrocław"]),
]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode(), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_every_unicode_encoding_reads_the_same_rows(data: bytes, encoding: str) -> None:
    assert _read(data) == (encoding, ",", EXPECTED)


def test_windows_1252_is_read_when_the_bytes_are_not_utf8() -> None:
    text = "Name;Firma\r\nJosé;Café “Zürich” \u2013 GmbH\r\n"
    assert _read(text.encode("cp1252")) == (
        "cp1252",
        ";",
        [(1, ["Name", "Firma"]), (2, ["José", "Café “Zürich” \u2013 GmbH"])],
    )


def test_a_byte_windows_1252_leaves_undefined_falls_back_to_latin_1() -> None:
    assert _read(b"a,b\n\x81x,\xe9\n")[0] == "latin-1"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semi"), ("\t", "tab")])
def test_the_delimiter_is_the_one_that_cuts_rows_evenly(delimiter: str, name: str) -> None:
    text = f'A{delimiter}B{delimiter}C\n"1,5"{delimiter}2{delimiter}3\n4{delimiter}5{delimiter}6\n'
    found = _read(text.encode())
    assert found[1] == delimiter, name
    assert found[2][1] == (2, ["1,5", "2", "3"])


def test_line_numbers_count_newlines_inside_quotes_and_blank_lines() -> None:
    text = 'a,b\n\n"x\ny\nz",1\n,\n"q",2\n'
    assert _read(text.encode())[2] == [
        (1, ["a", "b"]),
        (2, []),
        (3, ["x\ny\nz", "1"]),
        (6, ["", ""]),
        (7, ["q", "2"]),
    ]


def test_a_file_larger_than_the_sample_streams_whole() -> None:
    lines = [f"row{i},{'x' * 50}" for i in range(5000)]
    data = ("name,value\n" + "\n".join(lines) + "\n").encode()
    assert len(data) > 3 * SAMPLE_BYTES
    rows = _read(data)[2]
    assert len(rows) == 5001 and rows[-1] == (5001, ["row4999", "x" * 50])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "the file is empty"),
        (b"PK\x03\x04rest of a zip", "this is a zip file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
    ],
)
def test_files_that_are_not_csv_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        _read(data)


def test_an_unclosed_quote_stops_at_the_cell_cap_with_its_line() -> None:
    data = b'a,b\n1,2\n3,"never closed\n' + b"x" * (MAX_CELL + 10) + b"\n"
    with pytest.raises(ImportFailed, match=r"^line 3: a cell is longer than") as caught:
        _read(data)
    assert caught.value.line == 3


def test_too_many_columns_are_refused_with_the_line() -> None:
    data = b"a,b\n" + b"," * (MAX_COLUMNS + 5) + b"\n"
    with pytest.raises(ImportFailed, match=r"^line 2: the row has 1,006 cells"):
        _read(data)


def test_text_that_stops_being_utf8_names_the_line() -> None:
    good = b"name,town\n" + b"ada,london\n" * 7000
    with pytest.raises(ImportFailed, match=r"^line 7002: the line is not utf-8 text"):
        _read(good + b"bad,\xff\xfe\n")


@FUZZ
@given(st.binary(max_size=600))
@example(b"\xff\xfe\x00")
@example(b'"\x00"')
@example(b"\r")
@example(b"a\x00b\x00")
def test_any_bytes_give_rows_or_an_import_error(data: bytes) -> None:
    try:
        for line, cells in read_rows(io.BytesIO(data))[1]:
            assert line >= 1 and all(isinstance(c, str) for c in cells)
    except ImportFailed as exc:
        assert exc.message and "\n" not in exc.message


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";\t"),
    max_size=12,
)


@FUZZ
@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=8),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le"]),
)
def test_rows_written_by_a_csv_writer_come_back_as_written(
    rows: list[list[str]], encoding: str
) -> None:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if not data.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        return
    shape, found = read_rows(io.BytesIO(data))
    assert [cells for _, cells in found] == rows
    assert shape.delimiter == ","


def test_a_nul_character_after_the_sample_names_its_line() -> None:
    data = b"name,town\n" + b"ada,london\n" * 7000 + b"bad,lon\x00don\n"
    with pytest.raises(ImportFailed, match=r"^line 7002: the line holds a NUL character"):
        _read(data)
