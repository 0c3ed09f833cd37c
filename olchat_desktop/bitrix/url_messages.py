"""Russian and English messages for every defect a pasted webhook URL or address can have.

Kept apart from the parser so translators see one table; ``{name}`` fields are filled from
the error's details (never from the secret).
"""

from __future__ import annotations

EXAMPLE = "https://portal.bitrix24.ru/rest/1/abcdef1234567890/"

MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "Вставьте адрес входящего вебхука, например " + EXAMPLE,
        "Paste the incoming webhook URL, for example " + EXAMPLE,
    ),
    "line_break": (
        "В адресе есть перенос строки: скопируйте его одной строкой.",
        "The URL contains a line break: copy it as one line.",
    ),
    "space_inside": (
        "В адресе есть пробел: в адресе вебхука пробелов не бывает, удалите его.",
        "The URL contains a space; webhook URLs have none, remove it.",
    ),
    "control_char": (
        "В адресе есть невидимый управляющий символ: вставьте адрес заново.",
        "The URL contains an invisible control character: paste it again.",
    ),
    "two_urls": (
        "Вставлено несколько адресов сразу: оставьте один адрес вебхука.",
        "Several URLs were pasted at once: keep one webhook URL.",
    ),
    "wrong_scheme": (
        "Схема «{scheme}» не подходит: адрес должен начинаться с https://",
        "The scheme '{scheme}' is not supported: the URL must start with https://",
    ),
    "bad_scheme_slashes": (
        "После «https:» должно идти «//»: проверьте начало адреса.",
        "'https:' must be followed by '//': check the start of the URL.",
    ),
    "bad_scheme_colon": (
        "В начале адреса пропущено двоеточие: нужно «https://».",
        "The colon is missing at the start: it must be 'https://'.",
    ),
    "http_not_loopback": (
        "Bitrix24 принимает REST-запросы только по HTTPS: замените http:// на https:// для {host}.",
        "Bitrix24 accepts REST calls over HTTPS only: use https:// instead of http:// for {host}.",
    ),
    "missing_host": (
        "В адресе нет имени портала (например, portal.bitrix24.ru).",
        "The URL has no portal name (for example portal.bitrix24.ru).",
    ),
    "credentials_in_url": (
        "В адресе есть логин или пароль перед «@»: вебхуку они не нужны, удалите их.",
        "The URL contains a login or password before '@': webhooks need none, remove it.",
    ),
    "underscore_host": (
        "Имя портала «{host}» содержит «_», такого имени сайта быть не может.",
        "The portal name '{host}' contains '_', which no host name can have.",
    ),
    "empty_label": (
        "В имени портала «{host}» две точки подряд или точка в начале.",
        "The portal name '{host}' has two dots in a row or starts with a dot.",
    ),
    "bad_idn": (
        "Имя портала «{host}» не удаётся записать как международное доменное имя.",
        "The portal name '{host}' is not a valid internationalised domain name.",
    ),
    "bad_ip": (
        "«{host}» не является правильным IP-адресом.",
        "'{host}' is not a valid IP address.",
    ),
    "label_too_long": (
        "Часть имени портала «{host}» длиннее 63 символов.",
        "A part of the portal name '{host}' is longer than 63 characters.",
    ),
    "bad_host": (
        "Имя портала «{host}» содержит недопустимые символы.",
        "The portal name '{host}' contains characters a host name cannot have.",
    ),
    "bitrix_site": (
        "{host} — это сайт Bitrix24, а не ваш портал: нужен адрес вида "
        "имя.bitrix24.ru из раздела «Входящий вебхук».",
        "{host} is the Bitrix24 website, not your portal: use the name.bitrix24.ru "
        "address from the incoming webhook page.",
    ),
    "empty_port": (
        "После двоеточия в адресе нет номера порта.",
        "There is no port number after the colon.",
    ),
    "bad_port": (
        "Порт «{port}» должен состоять только из цифр.",
        "The port '{port}' must contain digits only.",
    ),
    "port_range": (
        "Порт {port} вне допустимого диапазона 1–65535.",
        "The port {port} is outside the range 1–65535.",
    ),
    "fragment": (
        "В адресе есть часть после «#»: адрес вебхука заканчивается на секретный код "
        "или имя метода, удалите остальное.",
        "The URL has a '#' part: a webhook URL ends with its secret or a method name, "
        "remove the rest.",
    ),
    "query_string": (
        "В адресе есть параметры после «?»: удалите их, приложение передаёт параметры само.",
        "The URL has parameters after '?': remove them, the app sends parameters itself.",
    ),
    "backslash": (
        "В адресе обратная косая черта «\\»: используйте «/».",
        "The URL contains a backslash '\\': use '/'.",
    ),
    "no_path": (
        "Это адрес портала, а не вебхука: добавьте /rest/ID_пользователя/секрет/ "
        "из раздела «Входящий вебхук».",
        "This is a portal address, not a webhook: add /rest/USER_ID/SECRET/ from the "
        "incoming webhook page.",
    ),
    "double_slash": (
        "В пути адреса две косые черты подряд: возможно, пропущен ID пользователя или секрет.",
        "The path has two slashes in a row: the user id or the secret may be missing.",
    ),
    "prefix_before_rest": (
        "Перед /rest/ лишняя часть пути «{prefix}»: вебхук начинается сразу с /rest/.",
        "There is an extra path '{prefix}' before /rest/: a webhook starts with /rest/.",
    ),
    "oauth_url": (
        "Это адрес OAuth-авторизации, а не вебхука: для приложения выберите вход через OAuth.",
        "This is an OAuth sign-in address, not a webhook: choose OAuth for an app.",
    ),
    "wrong_path": (
        "Путь «{path}» не похож на вебхук: он должен начинаться с /rest/.",
        "The path '{path}' is not a webhook path: it must start with /rest/.",
    ),
    "missing_user_id": (
        "После /rest/ нет ID пользователя и секрета: скопируйте адрес вебхука целиком.",
        "There is no user id and secret after /rest/: copy the whole webhook URL.",
    ),
    "rest_v3": (
        "Адрес REST API v3 (/rest/api/) не подходит: нужен адрес входящего вебхука.",
        "A REST API v3 address (/rest/api/) will not do: use the incoming webhook URL.",
    ),
    "method_without_credentials": (
        "После /rest/ сразу идёт метод «{method}»: пропущены ID пользователя и секрет.",
        "The method '{method}' follows /rest/ directly: the user id and secret are missing.",
    ),
    "negative_user_id": (
        "ID пользователя не может быть отрицательным.",
        "The user id cannot be negative.",
    ),
    "missing_user_id_secret_only": (
        "Похоже, в адресе только секрет без ID пользователя: нужно /rest/ID/секрет/.",
        "The URL seems to hold only the secret without the user id: it must be /rest/ID/SECRET/.",
    ),
    "non_numeric_user_id": (
        "ID пользователя «{value}» должен быть числом (например, /rest/1/…).",
        "The user id '{value}' must be a number (for example /rest/1/…).",
    ),
    "zero_user_id": (
        "ID пользователя не может быть 0: проверьте число после /rest/.",
        "The user id cannot be 0: check the number after /rest/.",
    ),
    "missing_secret": (
        "После ID пользователя нет секретного кода вебхука.",
        "The webhook secret is missing after the user id.",
    ),
    "encoded_secret": (
        "Секрет содержит «%»: адрес скопирован в закодированном виде, скопируйте его заново.",
        "The secret contains '%': the URL was copied encoded, copy it again.",
    ),
    "secret_looks_like_method": (
        "На месте секрета стоит имя метода «{method}»: секретный код пропущен.",
        "A method name '{method}' stands where the secret should be: the secret is missing.",
    ),
    "bad_secret_chars": (
        "Секрет вебхука содержит недопустимые символы: допустимы латинские буквы и цифры.",
        "The webhook secret contains invalid characters: only Latin letters and digits occur.",
    ),
    "short_secret": (
        "Секрет вебхука слишком короткий ({length} симв.): "
        "скорее всего, он скопирован не полностью.",
        "The webhook secret is too short ({length} chars): it was probably copied partially.",
    ),
    "extra_segments": (
        "После имени метода в адресе есть лишние части пути: удалите их.",
        "There are extra path parts after the method name: remove them.",
    ),
    "xml_suffix": (
        "Формат .xml не поддерживается: уберите окончание или используйте .json.",
        "The .xml format is not supported: drop the suffix or use .json.",
    ),
    "bad_method": (
        "«{method}» в конце адреса не похоже на имя метода REST.",
        "'{method}' at the end of the URL is not a REST method name.",
    ),
}
