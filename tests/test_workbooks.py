"""Workbooks written twice are the same bytes: exports, demo files and test files pin the times
openpyxl stamps into them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl

from monitor.domain.workbooks import CORE_TIMES, pinned_zip

MOMENT = dt.datetime(2026, 10, 1, 9, 30, 0)


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["indicator", "periode", "waarde"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_every_entry_and_the_workbook_times_are_pinned():
    pinned = zipfile.ZipFile(io.BytesIO(pinned_zip(workbook_bytes(), MOMENT)))
    assert {info.date_time for info in pinned.infolist()} == {(2026, 10, 1, 9, 30, 0)}
    core = pinned.read("docProps/core.xml").decode()
    assert core.count("2026-10-01T09:30:00Z") == 2  # created and modified
    assert (
        openpyxl.load_workbook(io.BytesIO(pinned_zip(workbook_bytes(), MOMENT))).active["A1"].value
        == "indicator"
    )


def test_a_workbook_saved_at_another_time_pins_to_the_same_bytes():
    first = workbook_bytes()
    later = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(first)) as source, zipfile.ZipFile(later, "w") as target:
        for info in source.infolist():
            info.date_time = (2031, 5, 6, 7, 8, 10)
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = CORE_TIMES.sub(rb"\g<1>2031-05-06T07:08:10Z", content)
            target.writestr(info, content)
    assert later.getvalue() != first
    assert pinned_zip(later.getvalue(), MOMENT) == pinned_zip(first, MOMENT)
