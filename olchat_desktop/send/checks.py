"""What can stop a test send: the template's problems as they apply to this send."""

from __future__ import annotations

from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import Problem, validate


def send_problems(template: Template, recipient: str, lang: Lang) -> list[Problem]:
    """Validate ``template`` for a test send to ``recipient``.

    A test send goes to the recipient and through the line or portal chosen for it, so
    the template's own phone and line fields are not what can stop it: the recipient
    stands in for the phone (an empty or malformed recipient is still refused), and
    problems of the line field are the robot's concern, not this send's.
    """
    candidate = template.model_copy(update={"phone": recipient.strip()})
    return [problem for problem in validate(candidate, lang) if problem.field != "line"]
