# ruff: noqa: E501  (expected messages stay on one line each, as users read them)
"""Issue 4 point 7: malformed portal addresses and webhook URLs, each with its own message.

77 inputs (wrong host, missing user id, http, spaces, unicode, IDN, ports, query strings,
fragments, quotes, control characters, ...). For each, the live check used by the
connection forms must refuse it with the specific message listed here, in Russian and in
English, and must never raise. The messages are written out in full so a change of wording
or a fallback to a generic message is caught.
"""

from __future__ import annotations

import pytest

from olchat_desktop.connections.validation import check_portal_address, check_webhook

WEBHOOK_CASES: list[tuple[str, str, str]] = [
    (
        "",
        "Вставьте адрес входящего вебхука, например https://portal.bitrix24.ru/rest/1/abcdef1234567890/",
        "Paste the incoming webhook URL, for example https://portal.bitrix24.ru/rest/1/abcdef1234567890/",
    ),
    (
        "   ",
        "Вставьте адрес входящего вебхука, например https://portal.bitrix24.ru/rest/1/abcdef1234567890/",
        "Paste the incoming webhook URL, for example https://portal.bitrix24.ru/rest/1/abcdef1234567890/",
    ),
    (
        "http://acme.bitrix24.ru/rest/1/abcdefgh12345678/",
        "Bitrix24 принимает REST-запросы только по HTTPS: замените http:// на https:// для acme.bitrix24.ru.",
        "Bitrix24 accepts REST calls over HTTPS only: use https:// instead of http:// for acme.bitrix24.ru.",
    ),
    (
        "ftp://acme.bitrix24.ru/rest/1/abcdefgh12345678/",
        "Схема «ftp» не подходит: адрес должен начинаться с https://",
        "The scheme 'ftp' is not supported: the URL must start with https://",
    ),
    (
        "https://acme.bitrix24.ru/rest/abcdefgh12345678/",
        "Похоже, в адресе только секрет без ID пользователя: нужно /rest/ID/секрет/.",
        "The URL seems to hold only the secret without the user id: it must be /rest/ID/SECRET/.",
    ),
    (
        "https://acme.bitrix24.ru/rest/",
        "После /rest/ нет ID пользователя и секрета: скопируйте адрес вебхука целиком.",
        "There is no user id and secret after /rest/: copy the whole webhook URL.",
    ),
    (
        "https://acme.bitrix24.ru/",
        "Это адрес портала, а не вебхука: добавьте /rest/ID_пользователя/секрет/ из раздела «Входящий вебхук».",
        "This is a portal address, not a webhook: add /rest/USER_ID/SECRET/ from the incoming webhook page.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/",
        "После ID пользователя нет секретного кода вебхука.",
        "The webhook secret is missing after the user id.",
    ),
    (
        "https://acme.bitrix24.ru/rest/0/abcdefgh12345678/",
        "ID пользователя не может быть 0: проверьте число после /rest/.",
        "The user id cannot be 0: check the number after /rest/.",
    ),
    (
        "https://acme.bitrix24.ru/rest/-1/abcdefgh12345678/",
        "ID пользователя не может быть отрицательным.",
        "The user id cannot be negative.",
    ),
    (
        "https://acme.bitrix24.ru/rest/x1/abcdefgh12345678/",
        "ID пользователя «x1» должен быть числом (например, /rest/1/…).",
        "The user id 'x1' must be a number (for example /rest/1/…).",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abc/",
        "Секрет вебхука слишком короткий (3 симв.): скорее всего, он скопирован не полностью.",
        "The webhook secret is too short (3 chars): it was probably copied partially.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abc%20defgh123/",
        "Секрет содержит «%»: адрес скопирован в закодированном виде, скопируйте его заново.",
        "The secret contains '%': the URL was copied encoded, copy it again.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/?a=b",
        "В адресе есть параметры после «?»: удалите их, приложение передаёт параметры само.",
        "The URL has parameters after '?': remove them, the app sends parameters itself.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/#x",
        "В адресе есть часть после «#»: адрес вебхука заканчивается на секретный код или имя метода, удалите остальное.",
        "The URL has a '#' part: a webhook URL ends with its secret or a method name, remove the rest.",
    ),
    (
        "https://acme .bitrix24.ru/rest/1/abcdefgh12345678/",
        "В адресе есть пробел: в адресе вебхука пробелов не бывает, удалите его.",
        "The URL contains a space; webhook URLs have none, remove it.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh\n12345678/",
        "В адресе есть перенос строки: скопируйте его одной строкой.",
        "The URL contains a line break: copy it as one line.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/crm.deal.list.xml",
        "Формат .xml не поддерживается: уберите окончание или используйте .json.",
        "The .xml format is not supported: drop the suffix or use .json.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/crm.deal.list/extra",
        "После имени метода в адресе есть лишние части пути: удалите их.",
        "There are extra path parts after the method name: remove them.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/crm.deal.list/",
        "На месте секрета стоит имя метода «crm.deal.list»: секретный код пропущен.",
        "A method name 'crm.deal.list' stands where the secret should be: the secret is missing.",
    ),
    (
        "https://acme.bitrix24.ru/rest/crm.deal.list",
        "После /rest/ сразу идёт метод «crm.deal.list»: пропущены ID пользователя и секрет.",
        "The method 'crm.deal.list' follows /rest/ directly: the user id and secret are missing.",
    ),
    (
        "https://acme.bitrix24.ru/rest/api/1/x",
        "Адрес REST API v3 (/rest/api/) не подходит: нужен адрес входящего вебхука.",
        "A REST API v3 address (/rest/api/) will not do: use the incoming webhook URL.",
    ),
    (
        "https://acme.bitrix24.ru/oauth/authorize/",
        "Это адрес OAuth-авторизации, а не вебхука: для приложения выберите вход через OAuth.",
        "This is an OAuth sign-in address, not a webhook: choose OAuth for an app.",
    ),
    (
        "https://acme.bitrix24.ru/crm/deal/",
        "Путь «/crm/deal» не похож на вебхук: он должен начинаться с /rest/.",
        "The path '/crm/deal' is not a webhook path: it must start with /rest/.",
    ),
    (
        "https://acme.bitrix24.ru/site/rest/1/abcdefgh12345678/",
        "Перед /rest/ лишняя часть пути «site»: вебхук начинается сразу с /rest/.",
        "There is an extra path 'site' before /rest/: a webhook starts with /rest/.",
    ),
    (
        "https://acme.bitrix24.ru/rest//abcdefgh12345678/",
        "В пути адреса две косые черты подряд: возможно, пропущен ID пользователя или секрет.",
        "The path has two slashes in a row: the user id or the secret may be missing.",
    ),
    (
        "https://user:pw@acme.bitrix24.ru/rest/1/abcdefgh12345678/",
        "В адресе есть логин или пароль перед «@»: вебхуку они не нужны, удалите их.",
        "The URL contains a login or password before '@': webhooks need none, remove it.",
    ),
    (
        "https://acme_co.bitrix24.ru/rest/1/abcdefgh12345678/",
        "Имя портала «acme_co.bitrix24.ru» содержит «_», такого имени сайта быть не может.",
        "The portal name 'acme_co.bitrix24.ru' contains '_', which no host name can have.",
    ),
    (
        "https://acme..bitrix24.ru/rest/1/abcdefgh12345678/",
        "В имени портала «acme..bitrix24.ru» две точки подряд или точка в начале.",
        "The portal name 'acme..bitrix24.ru' has two dots in a row or starts with a dot.",
    ),
    (
        "https://acme.bitrix24.ru:/rest/1/abcdefgh12345678/",
        "После двоеточия в адресе нет номера порта.",
        "There is no port number after the colon.",
    ),
    (
        "https://acme.bitrix24.ru:abc/rest/1/abcdefgh12345678/",
        "Порт «abc» должен состоять только из цифр.",
        "The port 'abc' must contain digits only.",
    ),
    (
        "https://acme.bitrix24.ru:70000/rest/1/abcdefgh12345678/",
        "Порт 70000 вне допустимого диапазона 1–65535.",
        "The port 70000 is outside the range 1–65535.",
    ),
    (
        "https://bitrix24.ru/rest/1/abcdefgh12345678/",
        "bitrix24.ru — это сайт Bitrix24, а не ваш портал: нужен адрес вида имя.bitrix24.ru из раздела «Входящий вебхук».",
        "bitrix24.ru is the Bitrix24 website, not your portal: use the name.bitrix24.ru address from the incoming webhook page.",
    ),
    (
        "https://www.bitrix24.com/rest/1/abcdefgh12345678/",
        "www.bitrix24.com — это сайт Bitrix24, а не ваш портал: нужен адрес вида имя.bitrix24.ru из раздела «Входящий вебхук».",
        "www.bitrix24.com is the Bitrix24 website, not your portal: use the name.bitrix24.ru address from the incoming webhook page.",
    ),
    (
        "https://999.1.1.1/rest/1/abcdefgh12345678/",
        "«999.1.1.1» не является правильным IP-адресом.",
        "'999.1.1.1' is not a valid IP address.",
    ),
    (
        "https:/acme.bitrix24.ru/rest/1/abcdefgh12345678/",
        "После «https:» должно идти «//»: проверьте начало адреса.",
        "'https:' must be followed by '//': check the start of the URL.",
    ),
    (
        "https//acme.bitrix24.ru/rest/1/abcdefgh12345678/",
        "В начале адреса пропущено двоеточие: нужно «https://».",
        "The colon is missing at the start: it must be 'https://'.",
    ),
    (
        "https:///rest/1/abcdefgh12345678/",
        "В адресе нет имени портала (например, portal.bitrix24.ru).",
        "The URL has no portal name (for example portal.bitrix24.ru).",
    ),
    (
        "https://acme.bitrix24.ru\\rest\\1\\abcdefgh12345678",
        "В адресе обратная косая черта «\\»: используйте «/».",
        "The URL contains a backslash '\\': use '/'.",
    ),
    (
        "https://a.ru/rest/1/abcdefgh12345678/https://b.ru",
        "Вставлено несколько адресов сразу: оставьте один адрес вебхука.",
        "Several URLs were pasted at once: keep one webhook URL.",
    ),
    (
        "https://xn--.ru/rest/1/abcdefgh12345678/",
        "Имя портала «xn--.ru» содержит недопустимые символы.",
        "The portal name 'xn--.ru' contains characters a host name cannot have.",
    ),
    (
        "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ru/rest/1/abcdefgh12345678/",
        "Часть имени портала «aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ru» длиннее 63 символов.",
        "A part of the portal name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ru' is longer than 63 characters.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abc$defgh123/",
        "Секрет вебхука содержит недопустимые символы: допустимы латинские буквы и цифры.",
        "The webhook secret contains invalid characters: only Latin letters and digits occur.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/1bad-method/",
        "«1bad-method» в конце адреса не похоже на имя метода REST.",
        "'1bad-method' at the end of the URL is not a REST method name.",
    ),
    (
        "https://acme.bitrix24.ru/rest/1/abcdefgh12345678/\x07",
        "В адресе есть невидимый управляющий символ: вставьте адрес заново.",
        "The URL contains an invisible control character: paste it again.",
    ),
    (
        "https://a☃b.ru/rest/1/abcdefgh12345678/",
        "Имя портала «a☃b.ru» не удаётся записать как международное доменное имя.",
        "The portal name 'a☃b.ru' is not a valid internationalised domain name.",
    ),
    (
        "mailto:acme@bitrix24.ru",
        "Схема «mailto» не подходит: адрес должен начинаться с https://",
        "The scheme 'mailto' is not supported: the URL must start with https://",
    ),
    (
        "https://[::1/rest/1/abcdefgh12345678/",
        "Имя портала «[::1» содержит недопустимые символы.",
        "The portal name '[::1' contains characters a host name cannot have.",
    ),
    (
        "«https://acme.bitrix24.ru/rest/1/abc/»",
        "Секрет вебхука слишком короткий (3 симв.): скорее всего, он скопирован не полностью.",
        "The webhook secret is too short (3 chars): it was probably copied partially.",
    ),
    (
        "https://пример.рф/rest/1/abcdefgh12345678/crm..list",
        "«crm..list» в конце адреса не похоже на имя метода REST.",
        "'crm..list' at the end of the URL is not a REST method name.",
    ),
]
ADDRESS_CASES: list[tuple[str, str, str]] = [
    (
        "",
        "Введите адрес портала, например portal.bitrix24.ru",
        "Enter the portal address, for example portal.bitrix24.ru",
    ),
    (
        "  ",
        "Введите адрес портала, например portal.bitrix24.ru",
        "Enter the portal address, for example portal.bitrix24.ru",
    ),
    (
        "http://acme.bitrix24.ru",
        "Bitrix24 принимает REST-запросы только по HTTPS: замените http:// на https:// для acme.bitrix24.ru.",
        "Bitrix24 accepts REST calls over HTTPS only: use https:// instead of http:// for acme.bitrix24.ru.",
    ),
    (
        "acme.bitrix24.ru:0",
        "Порт 0 вне допустимого диапазона 1–65535.",
        "The port 0 is outside the range 1–65535.",
    ),
    (
        "acme.bitrix24.ru:99999",
        "Порт 99999 вне допустимого диапазона 1–65535.",
        "The port 99999 is outside the range 1–65535.",
    ),
    (
        "acme.bitrix24.ru:x",
        "Порт «x» должен состоять только из цифр.",
        "The port 'x' must contain digits only.",
    ),
    (
        "acme.bitrix24.ru:",
        "После двоеточия в адресе нет номера порта.",
        "There is no port number after the colon.",
    ),
    (
        "acme .bitrix24.ru",
        "В адресе портала есть пробел: удалите его.",
        "The portal address contains a space: remove it.",
    ),
    (
        "bitrix24.ru",
        "bitrix24.ru — это сайт Bitrix24, а не ваш портал: нужен адрес вида имя.bitrix24.ru из раздела «Входящий вебхук».",
        "bitrix24.ru is the Bitrix24 website, not your portal: use the name.bitrix24.ru address from the incoming webhook page.",
    ),
    (
        "www.bitrix24.ru",
        "www.bitrix24.ru — это сайт Bitrix24, а не ваш портал: нужен адрес вида имя.bitrix24.ru из раздела «Входящий вебхук».",
        "www.bitrix24.ru is the Bitrix24 website, not your portal: use the name.bitrix24.ru address from the incoming webhook page.",
    ),
    (
        "acme_co.bitrix24.ru",
        "Имя портала «acme_co.bitrix24.ru» содержит «_», такого имени сайта быть не может.",
        "The portal name 'acme_co.bitrix24.ru' contains '_', which no host name can have.",
    ),
    (
        "-acme.bitrix24.ru",
        "Имя портала «-acme.bitrix24.ru» содержит недопустимые символы.",
        "The portal name '-acme.bitrix24.ru' contains characters a host name cannot have.",
    ),
    (
        "acme..ru",
        "В имени портала «acme..ru» две точки подряд или точка в начале.",
        "The portal name 'acme..ru' has two dots in a row or starts with a dot.",
    ),
    (
        ".acme.ru",
        "В имени портала «.acme.ru» две точки подряд или точка в начале.",
        "The portal name '.acme.ru' has two dots in a row or starts with a dot.",
    ),
    (
        "acme.bitrix24.ru?x=1",
        "Адрес портала не содержит параметров после «?»: удалите их.",
        "A portal address has no parameters after '?': remove them.",
    ),
    (
        "acme.bitrix24.ru#top",
        "Адрес портала не содержит части после «#»: удалите её.",
        "A portal address has no '#' part: remove it.",
    ),
    (
        "user@acme.bitrix24.ru",
        "В адресе есть логин или пароль перед «@»: вебхуку они не нужны, удалите их.",
        "The URL contains a login or password before '@': webhooks need none, remove it.",
    ),
    (
        "ftp://acme.bitrix24.ru",
        "Схема «ftp» не подходит: адрес должен начинаться с https://",
        "The scheme 'ftp' is not supported: the URL must start with https://",
    ),
    (
        "300.1.1.1",
        "«300.1.1.1» не является правильным IP-адресом.",
        "'300.1.1.1' is not a valid IP address.",
    ),
    (
        "a☃.ru",
        "Имя портала «a☃.ru» не удаётся записать как международное доменное имя.",
        "The portal name 'a☃.ru' is not a valid internationalised domain name.",
    ),
    (
        "https:/acme.bitrix24.ru",
        "После «https:» должно идти «//»: проверьте начало адреса.",
        "'https:' must be followed by '//': check the start of the URL.",
    ),
    (
        "acme.bitrix24.ru\\crm",
        "В адресе обратная косая черта «\\»: используйте «/».",
        "The URL contains a backslash '\\': use '/'.",
    ),
    (
        "https://a.ru https://b.ru",
        "В адресе портала есть пробел: удалите его.",
        "The portal address contains a space: remove it.",
    ),
    (
        "https://a.ru/https://b.ru",
        "Вставлено несколько адресов сразу: оставьте один адрес портала.",
        "Several addresses were pasted at once: keep one portal address.",
    ),
    (
        "[::1]:99999",
        "Порт 99999 вне допустимого диапазона 1–65535.",
        "The port 99999 is outside the range 1–65535.",
    ),
    (
        "http://10.0.0.1:8080",
        "Bitrix24 принимает REST-запросы только по HTTPS: замените http:// на https:// для 10.0.0.1.",
        "Bitrix24 accepts REST calls over HTTPS only: use https:// instead of http:// for 10.0.0.1.",
    ),
    (
        "https://пример.рф:8443/?a=1",
        "Адрес портала не содержит параметров после «?»: удалите их.",
        "A portal address has no parameters after '?': remove them.",
    ),
]


def test_there_are_at_least_fifty_distinct_malformed_inputs() -> None:
    inputs = {text for text, _ru, _en in WEBHOOK_CASES + ADDRESS_CASES}
    assert len(inputs) >= 50


@pytest.mark.parametrize(("text", "ru", "en"), WEBHOOK_CASES)
def test_malformed_webhook_gets_its_message(text: str, ru: str, en: str) -> None:
    for lang, expected in (("ru", ru), ("en", en)):
        check = check_webhook(text, lang)  # type: ignore[arg-type]
        assert (check.ok, check.message) == (False, expected)


@pytest.mark.parametrize(("text", "ru", "en"), ADDRESS_CASES)
def test_malformed_portal_address_gets_its_message(text: str, ru: str, en: str) -> None:
    for lang, expected in (("ru", ru), ("en", en)):
        check = check_portal_address(text, lang)  # type: ignore[arg-type]
        assert (check.ok, check.message) == (False, expected)


def test_messages_are_specific_not_one_generic_text() -> None:
    english = {en for _text, _ru, en in WEBHOOK_CASES + ADDRESS_CASES}
    assert len(english) >= 40


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://acme.bitrix24.ru/rest/1/abcdefgh12345678/", "Portal acme.bitrix24.ru, user 1"),
        (" 'https://acme.bitrix24.ru/rest/7/abcdefgh12345678/crm.deal.list.json' ", "user 7"),
        ("acme.bitrix24.ru/rest/1/abcdefgh12345678", "Portal acme.bitrix24.ru"),
        ("https://пример.рф:8443/rest/1/abcdefgh12345678/", "xn--e1afmkfd.xn--p1ai:8443"),
        ("http://127.0.0.1:5000/rest/1/abcdefgh12345678/", "127.0.0.1:5000"),
    ],
)
def test_good_webhooks_pass_and_name_the_portal(text: str, shown: str) -> None:
    check = check_webhook(text, "en")
    assert check.ok and shown in check.message
    assert "abcdefgh12345678" not in check.message  # the secret is never echoed
