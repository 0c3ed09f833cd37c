<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>О программе %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Версия %1</translation>
    </message>
    <message>
        <source>Design, check and test-send WhatsApp button messages for Bitrix24 automation through OLChat.</source>
        <translation>Создание, проверка и тестовая отправка сообщений WhatsApp с кнопками для автоматизации Битрикс24 через OLChat.</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Папка данных: %1</translation>
    </message>
    <message>
        <source>Templates, settings, history and logs live here</source>
        <translation>Здесь хранятся шаблоны, настройки, история и журналы</translation>
    </message>
    <message>
        <source>Bundled libraries</source>
        <translation>Встроенные библиотеки</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Библиотека</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <source>Import from a bundle</source>
        <translation>Импорт из набора</translation>
    </message>
    <message>
        <source>«{file}» holds {count} templates; {new} of them are not in the library yet.</source>
        <translation>В «{file}» шаблонов: {count}; из них ещё нет в библиотеке: {new}.</translation>
    </message>
    <message>
        <source>Templates in the bundle</source>
        <translation>Шаблоны в наборе</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>{name} — already in the library</source>
        <translation>{name} — уже в библиотеке</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Выбрать &amp;все</translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation>&amp;Снять выбор</translation>
    </message>
    <message>
        <source>&amp;Import {count}</source>
        <translation>&amp;Импортировать: {count}</translation>
    </message>
</context>
<context>
    <name>CatalogueController</name>
    <message>
        <source>Fields of «{portal}», updated {age}</source>
        <translation>Поля портала «{portal}», обновлены {age}</translation>
    </message>
    <message>
        <source>Built-in field list (the fields of «{portal}» are not read yet)</source>
        <translation>Встроенный список полей (поля портала «{portal}» ещё не прочитаны)</translation>
    </message>
    <message>
        <source>Built-in field list for now</source>
        <translation>Пока встроенный список полей</translation>
    </message>
    <message>
        <source>Built-in field list (no portal connected)</source>
        <translation>Встроенный список полей (портал не подключён)</translation>
    </message>
    <message>
        <source>reading the portal&apos;s fields…</source>
        <translation>читаем поля портала…</translation>
    </message>
    <message>
        <source>could not refresh: {reason}</source>
        <translation>обновить не удалось: {reason}</translation>
    </message>
    <message>
        <source>the sandbox portal has not started yet; try again in a moment</source>
        <translation>портал-песочница ещё не запустился; повторите через минуту</translation>
    </message>
</context>
<context>
    <name>CounterLabel</name>
    <message>
        <source>{n} of {limit} characters (Unicode code points, as the server counts)</source>
        <translation>{n} из {limit} символов (кодовые точки Unicode, как считает сервер)</translation>
    </message>
    <message>
        <source>{n} visible characters (graphemes)</source>
        <translation>{n} видимых символов (графем)</translation>
    </message>
    <message>
        <source>Literal text: {n}</source>
        <translation>Обычный текст: {n}</translation>
    </message>
    <message>
        <source>{expr}: no sample, length unknown</source>
        <translation>{expr}: нет примера, длина неизвестна</translation>
    </message>
    <message>
        <source>{expr}: {n} (sample)</source>
        <translation>{expr}: {n} (пример)</translation>
    </message>
    <message>
        <source>Set sample values to get an exact count.</source>
        <translation>Задайте примеры значений, чтобы счёт был точным.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <source>An unexpected error interrupted the last action. Your templates are saved, so you can carry on. If it happens again, please send this report to the developers; secrets such as webhook addresses are removed from it.</source>
        <translation>Непредвиденная ошибка прервала последнее действие. Шаблоны сохранены, можно продолжать работу. Если ошибка повторится, отправьте этот отчёт разработчикам: секреты, например адреса вебхуков, из него удалены.</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Отчёт об ошибке</translation>
    </message>
    <message>
        <source>The log is in {path}</source>
        <translation>Журнал: {path}</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Копировать отчёт</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
</context>
<context>
    <name>DemoSandbox</name>
    <message>
        <source>Starting the sandbox portal…</source>
        <translation>Запускается портал-песочница…</translation>
    </message>
    <message>
        <source>Sandbox portal at {url}</source>
        <translation>Портал-песочница: {url}</translation>
    </message>
    <message>
        <source>The sandbox portal did not start.</source>
        <translation>Портал-песочница не запустился.</translation>
    </message>
</context>
<context>
    <name>EditorController</name>
    <message>
        <source>Refill {origin}</source>
        <translation>Обновить {origin}</translation>
    </message>
</context>
<context>
    <name>EditorView</name>
    <message>
        <source>Template &amp;name</source>
        <translation>&amp;Название шаблона</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Теги</translation>
    </message>
    <message>
        <source>WhatsApp &amp;line</source>
        <translation>&amp;Линия WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Phone number</source>
        <translation>Номер &amp;телефона</translation>
    </message>
    <message>
        <source>&amp;Header</source>
        <translation>&amp;Заголовок</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Сообщение</translation>
    </message>
    <message>
        <source>&amp;Footer</source>
        <translation>&amp;Подпись</translation>
    </message>
    <message>
        <source>Button &amp;1</source>
        <translation>Кнопка &amp;1</translation>
    </message>
    <message>
        <source>Button &amp;2</source>
        <translation>Кнопка &amp;2</translation>
    </message>
    <message>
        <source>Button &amp;3</source>
        <translation>Кнопка &amp;3</translation>
    </message>
    <message>
        <source>comma-separated, e.g. feedback, clinic</source>
        <translation>через запятую, например: отзывы, клиника</translation>
    </message>
    <message>
        <source>choose a line or type its name</source>
        <translation>выберите линию или введите её название</translation>
    </message>
    <message>
        <source>79991234567 or {{Contact: Phone}}</source>
        <translation>79991234567 или {{Контакт: Телефон}}</translation>
    </message>
    <message>
        <source>optional, no formatting</source>
        <translation>необязательно, без форматирования</translation>
    </message>
    <message>
        <source>Required. *bold*, _italic_, ~strike~, `code`, {{Field}} expressions</source>
        <translation>Обязательно. *жирный*, _курсив_, ~зачёркнутый~, `код`, выражения {{Поле}}</translation>
    </message>
    <message>
        <source>optional, shown small and grey</source>
        <translation>необязательно, мелким серым шрифтом</translation>
    </message>
    <message>
        <source>reply button, required</source>
        <translation>кнопка ответа, обязательно</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <source>&amp;Wait for reply</source>
        <translation>&amp;Ожидать ответ сообщения</translation>
    </message>
    <message>
        <source>Wait for reply</source>
        <translation>Ожидать ответ сообщения</translation>
    </message>
    <message>
        <source>The robot waits for the customer&apos;s tap and returns the chosen button&apos;s text.</source>
        <translation>Робот ждёт нажатия клиента и возвращает текст выбранной кнопки.</translation>
    </message>
    <message>
        <source>The waiting robot stops if the CRM item moves to another stage; use a business process instead (Bitrix24 runs at most 2 waiting processes per item). A multi-value phone field makes a waiting robot fail.</source>
        <translation>Ожидающий робот останавливается, если элемент CRM переходит на другую стадию; используйте бизнес-процесс (Битрикс24 выполняет не более 2 ожидающих процессов на элемент). С множественным полем телефона ожидающий робот завершается ошибкой.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample values&lt;/b&gt;</source>
        <translation>&lt;b&gt;Примеры значений&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Bitrix24 fills expressions when sending; a sample makes counters exact.</source>
        <translation>Битрикс24 подставляет выражения при отправке; пример делает счётчики точными.</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>Выражение</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Пример</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Откуда</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>Примеры значений</translation>
    </message>
    <message>
        <source>Refresh fields</source>
        <translation>Обновить поля</translation>
    </message>
    <message>
        <source>Read the portal&apos;s field list again</source>
        <translation>Заново прочитать список полей портала</translation>
    </message>
    <message>
        <source>Fill from CRM…</source>
        <translation>Заполнить из CRM…</translation>
    </message>
    <message>
        <source>Fill every sample with the values of a real CRM item</source>
        <translation>Заполнить все образцы значениями реального элемента CRM</translation>
    </message>
    <message>
        <source>Bold (*text*)</source>
        <translation>Жирный (*текст*)</translation>
    </message>
    <message>
        <source>Italic (_text_)</source>
        <translation>Курсив (_текст_)</translation>
    </message>
    <message>
        <source>Strikethrough (~text~)</source>
        <translation>Зачёркнутый (~текст~)</translation>
    </message>
    <message>
        <source>Monospace block (```text```)</source>
        <translation>Моноширинный блок (```текст```)</translation>
    </message>
    <message>
        <source>Inline code (`text`)</source>
        <translation>Код в строке (`текст`)</translation>
    </message>
    <message>
        <source>Bulleted list (- item)</source>
        <translation>Маркированный список (- пункт)</translation>
    </message>
    <message>
        <source>Numbered list (1. item)</source>
        <translation>Нумерованный список (1. пункт)</translation>
    </message>
    <message>
        <source>Quote (&gt; text)</source>
        <translation>Цитата (&gt; текст)</translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation>Вставить эмодзи</translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation>Вставить поле</translation>
    </message>
    <message>
        <source>Insert a Bitrix24 CRM field</source>
        <translation>Вставить поле CRM Битрикс24</translation>
    </message>
    <message>
        <source>Message formatting</source>
        <translation>Форматирование сообщения</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Footer</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Button {n}</source>
        <translation>Кнопка {n}</translation>
    </message>
    <message>
        <source>%1 length</source>
        <translation>Длина: %1</translation>
    </message>
</context>
<context>
    <name>FieldPickerPopup</name>
    <message>
        <source>Search by name or code, e.g. филиал or UF_CRM</source>
        <translation>Поиск по названию или коду, например: филиал или UF_CRM</translation>
    </message>
    <message>
        <source>Search fields</source>
        <translation>Поиск полей</translation>
    </message>
    <message>
        <source>CRM fields</source>
        <translation>Поля CRM</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Read the field list from the portal again</source>
        <translation>Заново прочитать список полей с портала</translation>
    </message>
    <message>
        <source>Insert as {{Имя}} (display name)</source>
        <translation>Вставлять как {{Имя}} (название поля)</translation>
    </message>
    <message>
        <source>as {=Document:NAME} (field code)</source>
        <translation>как {=Document:NAME} (код поля)</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter inserts · Esc closes · ★ a custom (UF_) field</source>
        <translation>↑↓ выбор · Enter вставить · Esc закрыть · ★ пользовательское поле (UF_)</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>Opening «{file}»…</source>
        <translation>Открытие «{file}»…</translation>
    </message>
    <message>
        <source>«{name}» is already in the library: shown.</source>
        <translation>«{name}» уже есть в библиотеке: открыт.</translation>
    </message>
    <message>
        <source>Importing templates: {count}…</source>
        <translation>Импорт шаблонов: {count}…</translation>
    </message>
    <message>
        <source>Imported templates: {count}</source>
        <translation>Импортировано шаблонов: {count}</translation>
    </message>
    <message>
        <source>The file could not be opened: {error}</source>
        <translation>Не удалось открыть файл: {error}</translation>
    </message>
    <message>
        <source>Open a template file</source>
        <translation>Открытие файла шаблона</translation>
    </message>
</context>
<context>
    <name>FillSamples</name>
    <message>
        <source>Reading {origin}…</source>
        <translation>Читаем {origin}…</translation>
    </message>
</context>
<context>
    <name>FillSamplesDialog</name>
    <message>
        <source>Searching…</source>
        <translation>Ищем…</translation>
    </message>
    <message>
        <source>Reading the item…</source>
        <translation>Читаем элемент…</translation>
    </message>
    <message>
        <source>Found: {count}. Enter fills the samples.</source>
        <translation>Найдено: {count}. Enter заполнит образцы.</translation>
    </message>
    <message>
        <source>Nothing found. Try a part of the title, a phone or an ID.</source>
        <translation>Ничего не найдено. Попробуйте часть названия, телефон или ID.</translation>
    </message>
    <message>
        <source>Fill samples from CRM</source>
        <translation>Образцы из CRM</translation>
    </message>
    <message>
        <source>Find a real CRM item: every sample becomes the text the customer would see for it (list texts, names, amounts, dates), so the counters are exact.</source>
        <translation>Найдите реальный элемент CRM: каждый образец станет текстом, который увидит клиент (значения списков, имена, суммы, даты), и счётчики будут точными.</translation>
    </message>
    <message>
        <source>&amp;Entity</source>
        <translation>&amp;Сущность</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <source>title, phone or ID</source>
        <translation>название, телефон или ID</translation>
    </message>
    <message>
        <source>&amp;Fill samples</source>
        <translation>&amp;Заполнить образцы</translation>
    </message>
    <message>
        <source>Found CRM items</source>
        <translation>Найденные элементы CRM</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Лид</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>Спр&amp;авка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Комбинации клавиш…</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;О программе %1</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Template history</source>
        <translation>История шаблона</translation>
    </message>
    <message>
        <source>Saved versions</source>
        <translation>Сохранённые версии</translation>
    </message>
    <message>
        <source>The selected version</source>
        <translation>Выбранная версия</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Восстановить эту версию</translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>All tags</source>
        <translation>Все теги</translation>
    </message>
    <message>
        <source>{n} templates</source>
        <translation>шаблонов: {n}</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Новый шаблон</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Search templates…</source>
        <translation>Поиск шаблонов…</translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation>Поиск шаблонов</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Фильтр по тегу</translation>
    </message>
    <message>
        <source>Show only templates with this tag</source>
        <translation>Показывать только шаблоны с этим тегом</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Все теги</translation>
    </message>
    <message>
        <source>Sort templates</source>
        <translation>Порядок шаблонов</translation>
    </message>
    <message>
        <source>Order of the list</source>
        <translation>Порядок списка</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>По имени</translation>
    </message>
    <message>
        <source>Recently changed</source>
        <translation>Недавно изменённые</translation>
    </message>
    <message>
        <source>Problems first</source>
        <translation>Сначала с ошибками</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Шаблоны</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Новый шаблон</translation>
    </message>
    <message>
        <source>New template (Ctrl+N)</source>
        <translation>Новый шаблон (Ctrl+N)</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Duplicate template</source>
        <translation>Копировать шаблон</translation>
    </message>
    <message>
        <source>Duplicate the selected template (Ctrl+D)</source>
        <translation>Копировать выбранный шаблон (Ctrl+D)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Удалить шаблон</translation>
    </message>
    <message>
        <source>Move the selected template to the trash (Del)</source>
        <translation>Переместить выбранный шаблон в корзину (Del)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The WhatsApp preview appears here.</source>
        <translation>Здесь появится предпросмотр WhatsApp.</translation>
    </message>
    <message>
        <source>Could not save the settings.</source>
        <translation>Не удалось сохранить настройки.</translation>
    </message>
</context>
<context>
    <name>PortalFields</name>
    <message>
        <source>Insert &amp;field…</source>
        <translation>Вставить &amp;поле…</translation>
    </message>
    <message>
        <source>Fill samples from &amp;CRM…</source>
        <translation>Образцы из &amp;CRM…</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Export preview as PNG</source>
        <translation>Экспорт предпросмотра в PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Экспорт PNG</translation>
    </message>
    <message>
        <source>WhatsApp preview</source>
        <translation>Предпросмотр WhatsApp</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Show the preview in WhatsApp&apos;s dark theme</source>
        <translation>Показать предпросмотр в тёмной теме WhatsApp</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Экспорт PNG…</translation>
    </message>
    <message>
        <source>Copy robot settings</source>
        <translation>Копировать настройки робота</translation>
    </message>
    <message>
        <source>Copy every field with its Russian label, for pasting into the robot form</source>
        <translation>Скопировать все поля с русскими названиями для вставки в форму робота</translation>
    </message>
    <message>
        <source>Small (320)</source>
        <translation>Маленькая (320)</translation>
    </message>
    <message>
        <source>Default (360)</source>
        <translation>Обычная (360)</translation>
    </message>
    <message>
        <source>Large (412)</source>
        <translation>Большая (412)</translation>
    </message>
    <message>
        <source>Phone width</source>
        <translation>Ширина телефона</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Whose screen to show</source>
        <translation>Чей экран показать</translation>
    </message>
    <message>
        <source>As the customer sees it</source>
        <translation>Как увидит клиент</translation>
    </message>
    <message>
        <source>As the operator sees it</source>
        <translation>Как увидит оператор</translation>
    </message>
    <message>
        <source>Approximate WhatsApp look</source>
        <translation>Приблизительный вид WhatsApp</translation>
    </message>
</context>
<context>
    <name>ProblemsPresenter</name>
    <message>
        <source>No problems found.</source>
        <translation>Проблем не найдено.</translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings</source>
        <translation>ошибок: {errors}, предупреждений: {warnings}</translation>
    </message>
    <message>
        <source>↳ Fix: replace {expression} with {replacement}</source>
        <translation>↳ Исправить: заменить {expression} на {replacement}</translation>
    </message>
    <message>
        <source>Click (or press Enter) to fix; Ctrl+Z in the field undoes it.</source>
        <translation>Щелчок (или Enter) исправит; Ctrl+Z в поле отменит исправление.</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>No recent files</source>
        <translation>Нет недавних файлов</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>&amp;Очистить список</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние файлы</translation>
    </message>
</context>
<context>
    <name>SamplesPresenter</name>
    <message>
        <source> (empty there)</source>
        <translation> (там пусто)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Phone width in preview</source>
        <translation>&amp;Ширина телефона в предпросмотре</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Small (320)</source>
        <translation>Маленькая (320)</translation>
    </message>
    <message>
        <source>Default (360)</source>
        <translation>Обычная (360)</translation>
    </message>
    <message>
        <source>Large (412)</source>
        <translation>Большая (412)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Phone width in preview</source>
        <translation>Ширина телефона в предпросмотре</translation>
    </message>
    <message>
        <source>Changes apply at once and are remembered.</source>
        <translation>Изменения применяются сразу и запоминаются.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Комбинации клавиш</translation>
    </message>
    <message>
        <source>Search actions or keys…</source>
        <translation>Поиск по действиям и клавишам…</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>Поиск комбинаций клавиш</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Клавиши</translation>
    </message>
</context>
<context>
    <name>SideView</name>
    <message>
        <source>&lt;b&gt;Preview&lt;/b&gt;</source>
        <translation>&lt;b&gt;Предпросмотр&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Send test…</source>
        <translation>Тестовая отправка…</translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation>Отправить тестовое сообщение</translation>
    </message>
    <message>
        <source>Send this template to a test phone (Ctrl+Enter)</source>
        <translation>Отправить шаблон на тестовый телефон (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&lt;b&gt;&amp;Problems&lt;/b&gt; — errors: {errors}, warnings: {warnings}</source>
        <translation>&lt;b&gt;&amp;Проблемы&lt;/b&gt; — ошибок: {errors}, предупреждений: {warnings}</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <source>WhatsApp preview</source>
        <translation>Предпросмотр WhatsApp</translation>
    </message>
</context>
<context>
    <name>TemplateRowDelegate</name>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} мин назад</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} ч назад</translation>
    </message>
    <message>
        <source>{n} d ago</source>
        <translation>{n} дн. назад</translation>
    </message>
    <message>
        <source>Has errors</source>
        <translation>Есть ошибки</translation>
    </message>
    <message>
        <source>Has warnings</source>
        <translation>Есть предупреждения</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Без замечаний</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Не проверен</translation>
    </message>
</context>
<context>
    <name>TransferController</name>
    <message>
        <source>&amp;Import…</source>
        <translation>Импор&amp;т…</translation>
    </message>
    <message>
        <source>&amp;Export this template…</source>
        <translation>&amp;Экспорт этого шаблона…</translation>
    </message>
    <message>
        <source>Export &amp;all…</source>
        <translation>Экспорт вс&amp;ех…</translation>
    </message>
    <message>
        <source>Export &amp;selected…</source>
        <translation>Экспорт в&amp;ыбранных…</translation>
    </message>
    <message>
        <source>Add a tag to the selected…</source>
        <translation>Добавить тег выбранным…</translation>
    </message>
    <message>
        <source>T&amp;rash…</source>
        <translation>Кор&amp;зина…</translation>
    </message>
    <message>
        <source>Import templates</source>
        <translation>Импорт шаблонов</translation>
    </message>
    <message>
        <source>Importing «{file}»…</source>
        <translation>Импорт «{file}»…</translation>
    </message>
    <message>
        <source>Export this template</source>
        <translation>Экспорт шаблона</translation>
    </message>
    <message>
        <source>Export all templates</source>
        <translation>Экспорт всех шаблонов</translation>
    </message>
    <message>
        <source>Exporting to «{file}»…</source>
        <translation>Экспорт в «{file}»…</translation>
    </message>
    <message>
        <source>Export the selected templates</source>
        <translation>Экспорт выбранных шаблонов</translation>
    </message>
    <message>
        <source>Tag to add to {n} templates:</source>
        <translation>Тег для {n} шаблонов:</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Добавить тег</translation>
    </message>
    <message>
        <source>Template files (*.olchat.json *.json);;All files (*)</source>
        <translation>Файлы шаблонов (*.olchat.json *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Cancelled: the library and the files are as they were.</source>
        <translation>Отменено: библиотека и файлы остались как были.</translation>
    </message>
    <message>
        <source>Imported templates: {count}</source>
        <translation>Импортировано шаблонов: {count}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… и ещё {n}</translation>
    </message>
    <message>
        <source>Imported: {ok}. Skipped broken entries: {bad}.</source>
        <translation>Импортировано: {ok}. Пропущено повреждённых записей: {bad}.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Сохранено в {path}</translation>
    </message>
    <message>
        <source>The operation failed: {error}</source>
        <translation>Операция не выполнена: {error}</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>Импорт и экспорт</translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message>
        <source>Exported: {n}</source>
        <translation>Экспортировано: {n}</translation>
    </message>
    <message>
        <source>Imported: {n}</source>
        <translation>Импортировано: {n}</translation>
    </message>
    <message>
        <source>of {total}</source>
        <translation>из {total}</translation>
    </message>
    <message>
        <source>{read:.1f} of {total:.1f} MB</source>
        <translation>{read:.1f} из {total:.1f} МБ</translation>
    </message>
    <message>
        <source>about {s} s left</source>
        <translation>осталось около {s} с</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <source>Deleted templates</source>
        <translation>Удалённые шаблоны</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>Когда удалён</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Корзина пуста.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>&amp;Delete forever…</source>
        <translation>&amp;Удалить навсегда…</translation>
    </message>
    <message>
        <source>&amp;Empty trash…</source>
        <translation>&amp;Очистить корзину…</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>Delete «{name}» forever? This cannot be undone.</source>
        <translation>Удалить «{name}» навсегда? Это нельзя отменить.</translation>
    </message>
    <message>
        <source>Delete all {count} templates in the trash forever? This cannot be undone.</source>
        <translation>Удалить навсегда все шаблоны в корзине ({count})? Это нельзя отменить.</translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>Удалить навсегда</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Send a test</source>
        <translation>Тестовая отправка</translation>
    </message>
    <message>
        <source>Two ways to send this template to a test phone:

• OLChat REST: sends a text version of the message (buttons become numbered options). OLChat&apos;s API has no button-message method.

• Bitrix24 business process: starts a workflow with the real button robot on a CRM item; the customer sees real buttons, and with &quot;wait for reply&quot; the chosen button comes back.

Connect a portal or an OLChat line to send.</source>
        <translation>Отправить шаблон на тестовый телефон можно двумя путями:

• REST OLChat: отправляет текстовую версию сообщения (кнопки становятся пронумерованными вариантами). В API OLChat нет метода для сообщений с кнопками.

• Бизнес-процесс Битрикс24: запускает процесс с настоящим роботом кнопок для элемента CRM; клиент видит настоящие кнопки, а с «Ожидать ответ сообщения» возвращается выбранная кнопка.

Для отправки подключите портал или линию OLChat.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>Deleted «{name}»</source>
        <translation>Удалён «{name}»</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>&amp;Шаблон</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;История…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Undo &amp;delete</source>
        <translation>Отменить &amp;удаление</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Сообщение</translation>
    </message>
    <message>
        <source>&amp;Send test…</source>
        <translation>&amp;Тестовая отправка…</translation>
    </message>
    <message>
        <source>Send &amp;history…</source>
        <translation>&amp;История отправок…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Отменить удаление</translation>
    </message>
    <message>
        <source>Demo: sandbox portal</source>
        <translation>Демо: портал-песочница</translation>
    </message>
</context>
</TS>
