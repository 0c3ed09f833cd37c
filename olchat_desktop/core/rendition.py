"""A plain WhatsApp text that stands in for a button message on send paths without
buttons (OLChat's REST API sends text and files only).

Exact format of ``render_text`` (sections that are empty are left out, with their
separators)::

    *Header*            each non-blank header line, stripped, wrapped in *...* (bold)
    Message             the message as typed, trailing whitespace removed
                        (blank line)
    _Footer_            each non-blank footer line, stripped, wrapped in _..._ (italic)
                        (blank line)
    1. Да               the non-blank buttons, stripped, numbered from 1
    2. Нет
                        (blank line)
    Ответьте цифрой: 1 или 2.      the reply prompt (ru), or
    Reply with a number: 1 or 2.   (en); with one button «Ответьте цифрой 1.» /
                                   "Reply with 1."

The header directly precedes the message (no blank line), as the header sits on top of
the body in the bubble. With ``substitute=True`` every expression that has a sample is
replaced by it; otherwise, and for expressions without a sample, the expression is kept
verbatim so that Bitrix24 fills it in when the robot runs.
"""

from __future__ import annotations

from olchat_desktop.core.expressions import substitute as substitute_samples
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.template_draft import TemplateContent


def _wrap_lines(text: str, marker: str) -> str:
    # Markers never cross a line break in WhatsApp, so each line is wrapped on its own.
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(f"{marker}{line}{marker}" if line else "" for line in lines)


def reply_options(template: TemplateContent, substitute: bool = False) -> list[str]:
    """The buttons a customer can choose, in order: non-blank titles, stripped."""
    samples = template.samples if substitute else None
    titles = (substitute_samples(title, samples).strip() for title in template.buttons)
    return [title for title in titles if title]


def reply_prompt(count: int, lang: Lang) -> str:
    """The line asking the customer to reply with the number of a button."""
    if count == 1:
        return text(lang, "Reply with 1.")
    numbers = [str(number) for number in range(1, count + 1)]
    listed = text(lang, "{first} or {last}").format(first=", ".join(numbers[:-1]), last=numbers[-1])
    return text(lang, "Reply with a number: {listed}.").format(listed=listed)


def render_text(template: TemplateContent, lang: Lang = "ru", substitute: bool = False) -> str:
    """The deterministic text rendition of a button message (format in the module doc)."""
    samples = template.samples if substitute else None
    header = substitute_samples(template.header, samples)
    message = substitute_samples(template.message, samples).rstrip()
    footer = substitute_samples(template.footer, samples)
    top = "\n".join(part for part in (_wrap_lines(header, "*"), message) if part.strip())
    sections = [top, _wrap_lines(footer, "_")]
    options = reply_options(template, substitute)
    if options:
        sections.append("\n".join(f"{n}. {title}" for n, title in enumerate(options, 1)))
        sections.append(reply_prompt(len(options), lang))
    return "\n\n".join(section for section in sections if section.strip())


def match_reply(reply: str, template: TemplateContent, substitute: bool = False) -> str | None:
    """The button a text reply chooses: its number ("2", "2.") or its title, ignoring
    case and surrounding spaces; None when the reply matches no button."""
    options = reply_options(template, substitute)
    answer = reply.strip().rstrip(".").strip()
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    folded = answer.casefold()
    for title in options:
        if title.casefold() == folded:
            return title
    return None
