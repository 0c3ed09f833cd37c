"""The WhatsApp preview: what is laid out (via the model), colours at known pixels, rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from olchat_desktop.core.robot_settings import format_robot_settings
from olchat_desktop.core.template import Template
from olchat_desktop.ui.preview import PreviewView
from olchat_desktop.ui.preview.model import PreviewModel, Run
from olchat_desktop.ui.theme import WHATSAPP

BODY = (
    "*Привет* _курсив_ ~старое~ и `код`\n"
    "Здравствуйте, {{Имя}}! Ваш менеджер {{Менеджер}}.\n"
    "- пункт\n"
    "2. второй\n"
    "> цитата\n"
    "```моно\nблок```\n"
    "Сайт: https://example.ru"
)


@pytest.fixture
def view(qtbot: QtBot) -> PreviewView:
    preview = PreviewView()
    qtbot.addWidget(preview)
    preview.canvas.set_clock_text("09:41")
    return preview


def _template(**changes: object) -> Template:
    base: dict[str, object] = {
        "header": "Запись {{Имя}}",
        "message": BODY,
        "footer": "Клиника",
        "buttons": ["Да", "Нет"],
        "samples": {"{{Имя}}": "Анна"},
    }
    base.update(changes)
    return Template.model_validate(base)


def _runs(model: PreviewModel, text: str) -> list[Run]:
    return [run for run in model.runs if run.text == text]


def _pixel(image: QImage, x: float, y: float) -> str:
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(round(x * ratio), round(y * ratio))).name().upper()


def test_contract_names(view: PreviewView) -> None:
    assert view.objectName() == "previewView"
    assert view.accessibleName()


def test_header_is_bold_and_its_expression_shows_the_sample(view: PreviewView) -> None:
    view.set_template(_template())
    header = view.model().runs_in("header")
    assert view.model().text_of("header") == "Запись Анна"
    assert all(run.bold for run in header)
    assert [run.expression for run in header] == [None, "sample"]


def test_body_renders_the_markup_tree_styles(view: PreviewView) -> None:
    view.set_template(_template())
    model = view.model()
    (bold,) = _runs(model, "Привет")
    assert bold.bold and not bold.italic and bold.part == "body"
    assert _runs(model, "курсив")[0].italic
    assert _runs(model, "старое")[0].strike
    code = _runs(model, "код")[0]
    assert code.mono and code.block == "paragraph"
    assert _runs(model, "пункт")[0].block == "bullet"
    assert _runs(model, "второй")[0].block == "numbered"
    assert _runs(model, "цитата")[0].block == "quote"
    mono_block = _runs(model, "моно\u2028блок")[0]
    assert mono_block.mono and mono_block.block == "mono"
    link = _runs(model, "https://example.ru")[0]
    assert link.link and not link.bold
    # Markers are not shown.
    assert "*" not in model.text_of("body") and "```" not in model.text_of("body")


def test_expressions_with_and_without_samples_are_told_apart(view: PreviewView) -> None:
    view.set_template(_template())
    model = view.model()
    sample = _runs(model, "Анна")
    assert any(run.expression == "sample" and run.source == "{{Имя}}" for run in sample)
    unknown = [run for run in model.runs if run.expression == "unknown"]
    assert [run.source for run in unknown] == ["{{Менеджер}}"]
    assert unknown[0].text.strip() == "Менеджер"  # the display name, no braces


def test_footer_is_its_own_part_and_not_bold(view: PreviewView) -> None:
    view.set_template(_template())
    footer = view.model().runs_in("footer")
    assert [run.text for run in footer] == ["Клиника"]
    assert not footer[0].bold


def test_set_template_changes_the_rendered_image(view: PreviewView) -> None:
    view.set_template(_template())
    before = view.grab_image()
    view.set_template(_template(message=BODY + "\nещё строка"))
    after = view.grab_image()
    assert before.size() != after.size() or before != after
    view.set_template(_template())
    assert view.grab_image() == before  # same template, same picture


@pytest.mark.parametrize("count", [1, 2, 3])
def test_one_row_per_button_under_the_bubble(view: PreviewView, count: int) -> None:
    titles = ["Первая", "Вторая", "Третья"][:count]
    view.set_template(_template(buttons=titles))
    model = view.model()
    assert [row.title for row in model.buttons] == titles
    bx, by, bw, bh = model.bubble_rect
    previous_bottom = by + bh
    for row in model.buttons:
        x, y, w, h = row.rect
        assert (x, w) == (bx, bw)  # full bubble width
        assert y - previous_bottom == 1.0  # 1-px gap
        previous_bottom = y + h


def test_empty_button_fields_get_no_row_and_samples_fill_titles(view: PreviewView) -> None:
    view.set_template(_template(buttons=["", "Для {{Имя}}", "  "]))
    assert [row.title for row in view.model().buttons] == ["Для Анна"]


def test_long_titles_are_elided_and_short_ones_kept(view: PreviewView) -> None:
    long_title = "Перенести на другую дату и время, пожалуйста"
    view.set_template(_template(message="Ok", buttons=["Да", long_title]))
    view.set_phone_width(320)
    short_row, long_row = view.model().buttons
    assert not short_row.elided and short_row.shown == "Да"
    assert long_row.elided and long_row.shown.endswith("…")
    narrow = len(long_row.shown)
    view.set_phone_width(412)
    assert len(view.model().buttons[1].shown) > narrow  # a wider phone shows more


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_colours_at_known_pixels(view: PreviewView, theme: str) -> None:
    view.set_template(_template())
    view.set_theme(theme)
    image = view.grab_image()
    palette = WHATSAPP[theme]
    x, y, _w, h = view.model().bubble_rect
    assert _pixel(image, 1, 1) == palette["chat_background"]
    assert _pixel(image, x + 3, y + h / 2) == palette["incoming_bubble"]
    row_x, row_y, _rw, row_h = view.model().buttons[0].rect
    assert _pixel(image, row_x + 3, row_y + row_h / 2) == palette["incoming_bubble"]


def test_customer_view_is_incoming_on_the_left_without_ticks(view: PreviewView) -> None:
    view.set_template(_template(message="Коротко"))
    model = view.model()
    assert model.perspective == "customer" and not model.ticks
    x, _y, w, _h = model.bubble_rect
    assert x < model.phone_width - (x + w)


def test_operator_view_is_outgoing_on_the_right_with_ticks(view: PreviewView) -> None:
    view.set_template(_template(message="Коротко"))
    view.set_perspective("operator")
    model = view.model()
    assert model.ticks
    x, y, w, h = model.bubble_rect
    assert x > model.phone_width - (x + w)
    image = view.grab_image()
    assert _pixel(image, x + 3, y + h / 2) == WHATSAPP["light"]["outgoing_bubble"]
    with pytest.raises(ValueError):
        view.set_perspective("nobody")  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [320, 360, 412])
def test_image_and_png_have_the_phone_width(view: PreviewView, tmp_path: Path, width: int) -> None:
    view.set_template(_template())
    view.set_phone_width(width)
    image = view.grab_image()
    assert image.width() == round(width * image.devicePixelRatio())
    target = tmp_path / "preview.png"
    view.export_png(target)
    written = QImage(str(target))
    assert written.width() == round(width * view.devicePixelRatioF())


def test_toolbar_switches_width_and_theme(view: PreviewView, qtbot: QtBot) -> None:
    view.set_template(_template())
    view.widthCombo.setCurrentIndex(view.widthCombo.findData(412))
    assert view.model().phone_width == 412
    with qtbot.waitSignal(view.themeChanged) as signal:
        view.darkAction.trigger()
    assert signal.args == ["dark"]
    assert view.model().theme == "dark"
    view.set_theme("light")
    assert not view.darkAction.isChecked()


def test_copy_robot_settings_puts_every_field_on_the_clipboard(view: PreviewView) -> None:
    template = _template(line="Продажи", phone="79990001122", wait_for_reply=True)
    view.set_template(template)
    view.copyAction.trigger()
    text = QGuiApplication.clipboard().text()
    assert text == format_robot_settings(template)
    assert "Кнопка 2: Нет" in text and "Ожидать ответ сообщения: Да" in text


def test_caption_says_whose_view_it_is(view: PreviewView) -> None:
    assert view.canvas.caption == "As the customer sees it"
    view.set_perspective("operator")
    assert view.canvas.caption == "As the operator sees it"
    assert "pproximate" in view.canvas.note


def test_a_burst_of_changes_lays_out_once(
    view: PreviewView, monkeypatch: pytest.MonkeyPatch
) -> None:
    canvas = view.canvas
    builds: list[int] = []
    original = canvas._build_layout

    def counted():  # type: ignore[no-untyped-def]
        builds.append(1)
        return original()

    monkeypatch.setattr(canvas, "_build_layout", counted)
    view.set_theme("dark")
    view.set_phone_width(412)
    view.set_perspective("operator")
    view.set_template(_template())
    assert builds == []  # nothing laid out yet: each change only drops the layout
    model = view.model()
    assert (model.theme, model.phone_width, model.perspective) == ("dark", 412, "operator")
    assert model.text_of("header") == "Запись Анна"
    view.model()
    canvas.sizeHint()
    assert builds == [1]
