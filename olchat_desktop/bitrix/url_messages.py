"""The message for every defect a pasted webhook URL or address can have (English msgids,
translated on use; Russian in the gettext catalogue).

Kept apart from the parser so the table reads as one; ``{name}`` fields are filled from
the error's details (never from the secret) and ``{example}`` with :data:`EXAMPLE`.
"""

from __future__ import annotations

from olchat_desktop.core.i18n import N_

EXAMPLE = "https://portal.bitrix24.ru/rest/1/abcdef1234567890/"

MESSAGES: dict[str, str] = {
    "empty": N_("Paste the incoming webhook URL, for example {example}"),
    "line_break": N_("The URL contains a line break: copy it as one line."),
    "space_inside": N_("The URL contains a space; webhook URLs have none, remove it."),
    "control_char": N_("The URL contains an invisible control character: paste it again."),
    "two_urls": N_("Several URLs were pasted at once: keep one webhook URL."),
    "wrong_scheme": N_("The scheme '{scheme}' is not supported: the URL must start with https://"),
    "bad_scheme_slashes": N_("'https:' must be followed by '//': check the start of the URL."),
    "bad_scheme_colon": N_("The colon is missing at the start: it must be 'https://'."),
    "http_not_loopback": N_(
        "Bitrix24 accepts REST calls over HTTPS only: use https:// instead of http:// for {host}."
    ),
    "missing_host": N_("The URL has no portal name (for example portal.bitrix24.ru)."),
    "credentials_in_url": N_(
        "The URL contains a login or password before '@': webhooks need none, remove it."
    ),
    "underscore_host": N_("The portal name '{host}' contains '_', which no host name can have."),
    "empty_label": N_("The portal name '{host}' has two dots in a row or starts with a dot."),
    "bad_idn": N_("The portal name '{host}' is not a valid internationalised domain name."),
    "bad_ip": N_("'{host}' is not a valid IP address."),
    "label_too_long": N_("A part of the portal name '{host}' is longer than 63 characters."),
    "bad_host": N_("The portal name '{host}' contains characters a host name cannot have."),
    "bitrix_site": N_(
        "{host} is the Bitrix24 website, not your portal: use the name.bitrix24.ru address from "
        "the incoming webhook page."
    ),
    "empty_port": N_("There is no port number after the colon."),
    "bad_port": N_("The port '{port}' must contain digits only."),
    "port_range": N_("The port {port} is outside the range 1–65535."),
    "fragment": N_(
        "The URL has a '#' part: a webhook URL ends with its secret or a method name, remove the "
        "rest."
    ),
    "query_string": N_(
        "The URL has parameters after '?': remove them, the app sends parameters itself."
    ),
    "backslash": N_("The URL contains a backslash '\\': use '/'."),
    "no_path": N_(
        "This is a portal address, not a webhook: add /rest/USER_ID/SECRET/ from the incoming "
        "webhook page."
    ),
    "double_slash": N_(
        "The path has two slashes in a row: the user id or the secret may be missing."
    ),
    "prefix_before_rest": N_(
        "There is an extra path '{prefix}' before /rest/: a webhook starts with /rest/."
    ),
    "oauth_url": N_("This is an OAuth sign-in address, not a webhook: choose OAuth for an app."),
    "wrong_path": N_("The path '{path}' is not a webhook path: it must start with /rest/."),
    "missing_user_id": N_(
        "There is no user id and secret after /rest/: copy the whole webhook URL."
    ),
    "rest_v3": N_("A REST API v3 address (/rest/api/) will not do: use the incoming webhook URL."),
    "method_without_credentials": N_(
        "The method '{method}' follows /rest/ directly: the user id and secret are missing."
    ),
    "negative_user_id": N_("The user id cannot be negative."),
    "missing_user_id_secret_only": N_(
        "The URL seems to hold only the secret without the user id: it must be /rest/ID/SECRET/."
    ),
    "non_numeric_user_id": N_("The user id '{value}' must be a number (for example /rest/1/…)."),
    "zero_user_id": N_("The user id cannot be 0: check the number after /rest/."),
    "missing_secret": N_("The webhook secret is missing after the user id."),
    "encoded_secret": N_("The secret contains '%': the URL was copied encoded, copy it again."),
    "secret_looks_like_method": N_(
        "A method name '{method}' stands where the secret should be: the secret is missing."
    ),
    "bad_secret_chars": N_(
        "The webhook secret contains invalid characters: only Latin letters and digits occur."
    ),
    "short_secret": N_(
        "The webhook secret is too short ({length} chars): it was probably copied partially."
    ),
    "extra_segments": N_("There are extra path parts after the method name: remove them."),
    "xml_suffix": N_("The .xml format is not supported: drop the suffix or use .json."),
    "bad_method": N_("'{method}' at the end of the URL is not a REST method name."),
}
