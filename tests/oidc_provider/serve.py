"""Start the test OpenID Provider: `python -m tests.oidc_provider.serve <dir>`. It creates its database, users and
clients (from <dir>/users.json and <dir>/clients.json), listens on a free port of 127.0.0.1 and prints
`listening <port>` when it answers."""

import json
import os
import sys
from pathlib import Path


def main() -> None:
    directory = Path(sys.argv[1])
    os.environ["OIDC_PROVIDER_DIR"] = str(directory)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import (
        ThreadedWSGIServer,
        WSGIRequestHandler,
        get_internal_wsgi_application,
    )
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for user in json.loads((directory / "users.json").read_text()):
        User.objects.create_user(user["username"], user.get("email", ""), user["password"])
    for client in json.loads((directory / "clients.json").read_text()):
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris="http://testserver/oidc/callback/",
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_internal_wsgi_application())
    print(f"listening {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
