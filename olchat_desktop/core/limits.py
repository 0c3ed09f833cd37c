"""The robot's field limits, in characters (Unicode code points, as PHP's ``mb_strlen``).

Sources (see ``/work/shared/reference/olchat_whatsapp.md``): the OLChat robot page
(GH f4bf059) gives header 60, footer 60 and 20 per button; Meta's interactive
reply-button reference caps the body at 1024 and allows 1 to 3 buttons.
"""

from __future__ import annotations

from typing import Final

HEADER: Final = 60
MESSAGE: Final = 1024
FOOTER: Final = 60
BUTTON: Final = 20
MAX_BUTTONS: Final = 3

# Phone numbers: E.164 allows at most 15 digits; Russian numbers have 11 (7 + 10).
PHONE_MIN_DIGITS: Final = 10
PHONE_MAX_DIGITS: Final = 15
