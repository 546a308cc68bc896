"""What every page of the web UI shares, and the only web package the areas import.

The decorators every view wears (`pages`), the module languages (`language`), the services' errors in the
reader's language (`messages`), one service call made for a form (`service_calls`), shared form pieces and the sign-in form (`forms`), calendar weeks (`weeks`), the case
detail page the areas compose (`case_page`), and signing in and out (`views`, `urls`). It imports no area.
"""
