"""validate(..., catalogue=) reports unknown_field with a suggestion and a one-click fix."""

from olchat_desktop.core.field_catalogue import build_catalogue
from olchat_desktop.core.field_resolution import builtin_catalogue
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import validate
from olchat_desktop.sandbox.user_fields import CONTACT_USER_FIELDS, DEAL_USER_FIELDS

RAW_DEAL = {spec.code: spec.describe() for spec in DEAL_USER_FIELDS}
RAW_DEAL["TITLE"] = {"type": "string", "title": "Название"}
RAW_CONTACT = {spec.code: spec.describe() for spec in CONTACT_USER_FIELDS}
RAW_CONTACT["NAME"] = {"type": "string", "title": "Имя"}
CATALOGUE = build_catalogue({"deal": RAW_DEAL, "contact": RAW_CONTACT})


def template(message: str, **kwargs: object) -> Template:
    base = {"name": "t", "line": "1", "phone": "79991234567", "buttons": ["Да"]}
    return Template(message=message, **{**base, **kwargs})  # type: ignore[arg-type]


def unknown(message: str, lang: str = "ru", **kwargs: object) -> list:  # type: ignore[type-arg]
    problems = validate(template(message, **kwargs), lang, CATALOGUE, "deal")  # type: ignore[arg-type]
    return [p for p in problems if p.code == "unknown_field"]


def test_without_catalogue_nothing_changes() -> None:
    problems = validate(template("Филиал: {{Филлиал}}"), "ru")
    assert not [p for p in problems if p.code == "unknown_field"]
    assert "expression" not in problems[0].to_dict() if problems else True


def test_typo_gets_the_closest_label_and_a_replacement() -> None:
    (problem,) = unknown("Ждём вас в {{Филлиал > printable}}!")
    assert problem.field == "message" and problem.severity == "warning"
    assert problem.expression == "{{Филлиал > printable}}"
    assert problem.suggestion == "Филиал"
    assert problem.replacement == "{{Филиал > printable}}"
    assert "«Филлиал» — " in problem.message and "«Филиал»?" in problem.message
    record = problem.to_dict()
    assert record["expression"] == problem.expression and record["suggestion"] == "Филиал"


def test_padded_label_warns_with_the_trimmed_one_english() -> None:
    (problem,) = unknown("{{Филиал }}", "en")
    assert problem.suggestion == "Филиал" and problem.replacement == "{{Филиал}}"
    assert "«Филиал » — " in problem.message and "Did you mean «Филиал»?" in problem.message


def test_case_and_yo_differences_warn() -> None:
    (lower,) = unknown("{{филиал}}")
    assert lower.suggestion == "Филиал"
    (yo,) = unknown("{{Емкость склада}}")
    assert yo.suggestion == "Ёмкость склада"


def test_known_fields_and_other_expressions_are_quiet() -> None:
    text = (
        "{{Филиал}} {{Филиал > printable}} {=Document:UF_CRM_1700000003 > printable} "
        "{=Variable:x} {{=Date()}} {{Переменная: x}} {{Контакт: Имя}} {=Document:CONTACT_ID.NAME}"
    )
    assert unknown(text) == []


def test_code_typo_and_related_entity_typo() -> None:
    (code,) = unknown("{=Document:UF_CRM_1700000003X}")
    assert code.suggestion == "UF_CRM_1700000003"
    assert code.replacement == "{=Document:UF_CRM_1700000003}"
    (contact,) = unknown("{{Контакт: Иммя}}")
    assert contact.suggestion == "Контакт: Имя" and contact.replacement == "{{Контакт: Имя}}"
    assert "«Контакт: Иммя» — " in contact.message and "контакта" in contact.message


def test_a_contact_field_on_a_deal_suggests_the_contact_form() -> None:
    (problem,) = unknown("Здравствуйте, {{Имя > printable}}!")
    assert problem.suggestion == "Контакт: Имя"
    assert problem.replacement == "{{Контакт: Имя > printable}}"
    assert "«Имя» — " in problem.message and "«Контакт: Имя»?" in problem.message


def test_no_suggestion_when_nothing_is_close() -> None:
    (problem,) = unknown("{{Совершенно другое поле}}")
    assert problem.suggestion == "" and problem.replacement == ""
    assert "Вставить поле" in problem.message


def test_problems_stay_in_robot_field_order_and_each_expression_once_per_field() -> None:
    problems = validate(
        template("{{Филлиал}} и {{Филлиал}}", header="{{Дата визитa}}", buttons=["{{Х}}"]),
        "ru",
        CATALOGUE,
        "deal",
    )
    fields = [p.field for p in problems if p.code == "unknown_field"]
    assert fields == ["header", "message", "buttons[0]"]
    order = [p.field for p in problems]
    assert order.index("header") < order.index("message") < order.index("buttons[0]")


def test_builtin_catalogue_checks_standard_fields() -> None:
    problems = validate(template("{{Название}} {{Назвние}}"), "ru", builtin_catalogue(), "deal")
    (problem,) = [p for p in problems if p.code == "unknown_field"]
    assert problem.suggestion == "Название"


def test_communication_fields_of_the_document_are_quiet() -> None:
    text = "{{Телефон}} {{Телефон (текст)}} {=Document:PHONE_PRINTABLE} {=Document:EMAIL}"
    assert unknown(text) == []
    assert unknown("{{Контакт: Телефон}}") == []


def test_demo_templates_unknown_fields_all_have_a_fix() -> None:
    from olchat_desktop.demo import demo_templates
    from olchat_desktop.sandbox.methods_crm_fields import entity_fields

    catalogue = build_catalogue({e: entity_fields(e) for e in ("deal", "contact")})
    for demo in demo_templates():
        problems = validate(demo, "ru", catalogue, "deal")
        for problem in problems:  # every warning comes with its one-click fix
            assert problem.code != "unknown_field" or problem.replacement, problem
