"""Running a command as a gemeente's service account would: bound by file permissions."""

from __future__ import annotations

import os


def as_service_account(command: list[str]) -> list[str]:
    """`command`, unable to write where permissions forbid it even when the tests run as root:
    root writes anywhere, so it runs without the capabilities that override file permissions."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
