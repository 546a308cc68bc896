"""Views of the caseworker UI: parse the request, fetch and authorize, call one service, render."""
