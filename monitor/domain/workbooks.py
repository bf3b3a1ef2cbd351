"""Workbooks that are the same byte for byte on every run. openpyxl stamps the save time into
`docProps/core.xml` and into every zip entry, so an export, a demo file or a test file would
differ each time it is written; pinning both keeps downloads reproducible and checkable."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def pinned_zip(data: bytes, moment: dt.datetime) -> bytes:
    """`data` (a zip, such as an XLSX workbook) with every entry's time and the workbook's
    created and modified times set to `moment`."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = CORE_TIMES.sub(rb"\g<1>" + stamp, content)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return output.getvalue()
