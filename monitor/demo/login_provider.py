"""The demo's test login service: oidc-provider-mock's OpenID provider with the demo users, its
pages in Dutch from our own templates (`login_templates/`), which load nothing from the internet
(the package's own pages fetch a stylesheet from a CDN and speak English).

Run as `python -m monitor.demo.login_provider PORT`; `monitor.demo.login` starts it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2
import uvicorn
from oidc_provider_mock import User, app

TEMPLATES = Path(__file__).resolve().parent / "login_templates"


def provider_app(users: list[dict[str, object]]) -> object:
    """The provider with `users` (claims with their `sub`) and the Dutch pages first."""
    flask_app = app(
        user_claims=[
            User(sub=str(user["sub"]), claims={k: v for k, v in user.items() if k != "sub"})
            for user in users
        ]
    )
    flask_app.jinja_env.loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(TEMPLATES), flask_app.jinja_env.loader]
    )
    return flask_app


def main() -> None:
    from monitor.demo.login import DEMO_USERS

    port = int(sys.argv[1])
    # The demo provider is plain http on localhost; authlib refuses that unless told.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    uvicorn.run(
        provider_app([dict(user) for user in DEMO_USERS]),
        interface="wsgi",
        host="127.0.0.1",
        port=port,
        log_config=None,
    )


if __name__ == "__main__":
    main()
