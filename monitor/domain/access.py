"""Who may do what: roles from the login (an ID-token claim or an allow-list), and whether
reading is public. Pure functions; the Streamlit side is in monitor.app.session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    RAADSLID = "raadslid"  # every reader, logged in or (when reading is public) not
    BELEIDSMEDEWERKER = "beleidsmedewerker"
    BEHEERDER = "beheerder"


# A beheerder may do everything a beleidsmedewerker may.
IMPLIED = {
    Role.BEHEERDER: {Role.BELEIDSMEDEWERKER, Role.RAADSLID},
    Role.BELEIDSMEDEWERKER: {Role.RAADSLID},
}


@dataclass(frozen=True)
class AccessSettings:
    public: bool = True  # raadsleden and the public read published editions without login
    roles_claim: str = "roles"  # the ID-token claim with role names
    allow_list: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # role → e-mails
    # How long one login counts on the server, however long its cookie lives (30 days).
    session_hours: float = 12.0

    @classmethod
    def from_secrets(cls, secrets: Mapping) -> AccessSettings:
        section = secrets.get("monitor", {}) if secrets else {}
        allow = section.get("rollen", {}) or {}
        return cls(
            public=bool(section.get("publiek", True)),
            roles_claim=str(section.get("rollen_claim", "roles")),
            session_hours=float(section.get("sessieduur_uren", 12)),
            allow_list={
                str(role): tuple(str(e).lower() for e in emails) for role, emails in allow.items()
            },
        )


@dataclass(frozen=True)
class Access:
    logged_in: bool
    name: str
    roles: frozenset[Role]
    can_view: bool

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def author(self) -> str:
        return self.name or "onbekend"


def roles_for(user: Mapping[str, object], settings: AccessSettings) -> frozenset[Role]:
    """Roles of a logged-in user: from the claim and from the allow-list, expanded."""
    found: set[Role] = {Role.RAADSLID}
    claimed = user.get(settings.roles_claim) or []
    if isinstance(claimed, str):
        claimed = [claimed]
    for name in claimed if isinstance(claimed, list | tuple) else []:
        if str(name).lower() in {r.value for r in Role}:
            found.add(Role(str(name).lower()))
    email = str(user.get("email", "")).lower()
    for role_name, emails in settings.allow_list.items():
        if email and email in emails and role_name in {r.value for r in Role}:
            found.add(Role(role_name))
    for role in list(found):
        found |= IMPLIED.get(role, set())
    return frozenset(found)


def access_for(user: Mapping[str, object] | None, settings: AccessSettings) -> Access:
    if not user or not user.get("is_logged_in"):
        return Access(False, "", frozenset(), can_view=settings.public)
    name = str(user.get("email") or user.get("name") or user.get("sub") or "")
    return Access(True, name, roles_for(user, settings), can_view=True)
