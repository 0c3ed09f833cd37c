"""The searchable "Insert field" picker: filtering, grouping, marks, keyboard-only insert."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from olchat_desktop.ui.field_picker.model import FieldPickerModel
from olchat_desktop.ui.field_picker.popup import FieldPickerPopup
from olchat_desktop.ui.main_window import MainWindow

from .conftest import make_portal_catalogue, type_text


def shown_fields(model: FieldPickerModel) -> list[tuple[str, str]]:
    return [
        (field.entity, field.code)
        for row in range(model.rowCount())
        if (field := model.field_at(row)) is not None
    ]


def test_filter_by_russian_label_code_type_and_english_name() -> None:
    model = FieldPickerModel("ru")
    model.set_catalogue(make_portal_catalogue())
    total = model.match_count()
    assert total == len(make_portal_catalogue().fields)
    model.set_query("ФИЛИАЛ")  # case-insensitive; matches "Филиал" and "Любимый филиал"
    assert shown_fields(model) == [
        ("deal", "UF_CRM_1700000003"),
        ("contact", "UF_CRM_1700000102"),
    ]
    model.set_query("емкость")  # «ё» typed as «е»
    assert shown_fields(model) == [("deal", "UF_CRM_1700000017")]
    model.set_query("uf_crm_1700000201")
    assert shown_fields(model) == [("company", "UF_CRM_1700000201")]
    model.set_query("first name")  # the English name of NAME, in every entity
    assert {code for _entity, code in shown_fields(model)} == {"NAME"}
    assert len(shown_fields(model)) == 4
    model.set_query("money")  # English type name
    assert shown_fields(model) == [("deal", "UF_CRM_1700000005")]
    model.set_query("деньги")  # the same type in Russian
    assert shown_fields(model) == [("deal", "UF_CRM_1700000005")]
    model.set_query("лид дата")  # every word must match: entity and label
    assert shown_fields(model) == [("lead", "UF_CRM_1700000301")]
    model.set_query("нет такого поля")
    assert model.rowCount() == 0
    model.set_query("")
    assert model.match_count() == total


def test_groups_in_entity_order_with_unselectable_headings() -> None:
    model = FieldPickerModel("ru")
    model.set_catalogue(make_portal_catalogue())
    headings = [model.index(row, 0).data() for row in model.heading_rows()]
    assert [h.split(" (")[0] for h in headings] == ["Сделка", "Контакт", "Компания", "Лид"]
    first = model.index(model.heading_rows()[0], 0)
    assert not model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    model.set_query("филиал")
    assert [model.index(r, 0).data() for r in model.heading_rows()] == [
        "Сделка (1)",
        "Контакт (1)",
    ]


def test_custom_fields_are_marked_and_entries_show_label_code_and_type() -> None:
    model = FieldPickerModel("en")
    model.set_catalogue(make_portal_catalogue())
    texts = {
        model.field_at(row).code: [model.index(row, c).data() for c in range(3)]  # type: ignore[union-attr]
        for row in range(model.rowCount())
        if model.field_at(row) is not None and model.field_at(row).entity == "deal"  # type: ignore[union-attr]
    }
    assert texts["UF_CRM_1700000003"] == ["★ Филиал", "UF_CRM_1700000003", "List · custom field"]
    assert texts["UF_CRM_1700000007"][2] == "String, multiple · custom field"
    assert texts["NAME"] == ["Имя (First name)", "NAME", "String"]
    assert not texts["STAGE_ID"][0].startswith("★")
    model.set_language("ru")
    row = next(r for r in range(model.rowCount()) if model.field_at(r) is not None)
    assert "Строка" in model.index(row, 2).data() or "Деньги" in model.index(row, 2).data()


def test_keyboard_moves_skip_headings_and_enter_inserts(qtbot: QtBot) -> None:
    popup = FieldPickerPopup("display")
    qtbot.addWidget(popup)
    popup.set_catalogue(make_portal_catalogue())
    popup.show()
    popup.searchEdit.setFocus()
    type_text(popup.searchEdit, "филиал")
    assert popup.current_field() is not None
    assert popup.current_field().code == "UF_CRM_1700000003"  # type: ignore[union-attr]
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Down)  # over the "Контакт" heading
    assert popup.current_field().entity == "contact"  # type: ignore[union-attr]
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Down)  # already the last: stays
    assert popup.current_field().entity == "contact"  # type: ignore[union-attr]
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Up)
    assert popup.current_field().entity == "deal"  # type: ignore[union-attr]
    with qtbot.waitSignal(popup.chosen) as chosen:
        qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Return)
    assert chosen.args == ["{{Филиал > printable}}"]
    assert not popup.isVisible()


def _open_picker_by_keyboard(window: MainWindow, qtbot: QtBot) -> FieldPickerPopup:
    edit = window.editorView.messageEdit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(
        edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    popup = window.windowActions.insertField.popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.waitUntil(popup.searchEdit.hasFocus)
    return popup


def test_keyboard_only_insert_into_the_message(portal_window: MainWindow, qtbot: QtBot) -> None:
    window = portal_window
    assert not window.windowActions.insertField.created  # not built at start-up
    window.libraryController.new_template()
    edit = window.editorView.messageEdit
    type_text(edit, "Ваш филиал: ")
    popup = _open_picker_by_keyboard(window, qtbot)
    assert popup.statusLabel.text().startswith("Fields of «Тестовый портал», updated ")
    type_text(popup.searchEdit, "филиал")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert window.editor.template().message == "Ваш филиал: {{Филиал > printable}}"
    qtbot.waitUntil(edit.hasFocus)
    # Esc closes without inserting anything; the search starts empty next time.
    popup = _open_picker_by_keyboard(window, qtbot)
    assert popup.searchEdit.text() == ""
    type_text(popup.searchEdit, "инн")
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert window.editor.template().message == "Ваш филиал: {{Филиал > printable}}"
    # The insert is undone like typing (Qt merges it with the typing before it).
    edit.undo()
    assert "{{Филиал" not in window.editor.template().message


def test_form_switch_inserts_the_code_form_and_is_remembered(
    portal_window: MainWindow, qtbot: QtBot
) -> None:
    window = portal_window
    window.libraryController.new_template()
    popup = _open_picker_by_keyboard(window, qtbot)
    popup.codeRadio.click()
    assert window.settings.insert_field_form == "code"
    popup.searchEdit.setFocus()
    type_text(popup.searchEdit, "номер договора")
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Enter)
    popup = _open_picker_by_keyboard(window, qtbot)
    assert popup.codeRadio.isChecked()
    type_text(popup.searchEdit, "стадия")
    qtbot.keyClick(popup.searchEdit, Qt.Key.Key_Return)
    assert window.editor.template().message == (
        "{=Document:UF_CRM_1700000006}{=Document:STAGE_ID > printable}"
    )
    assert window.editor.samples.sources() == [
        "{=Document:UF_CRM_1700000006}",
        "{=Document:STAGE_ID > printable}",
    ]


def test_click_on_a_field_inserts_it(portal_window: MainWindow, qtbot: QtBot) -> None:
    window = portal_window
    window.libraryController.new_template()
    popup = _open_picker_by_keyboard(window, qtbot)
    type_text(popup.searchEdit, "сумма предоплаты")
    row = next(r for r in range(popup.model.rowCount()) if popup.model.field_at(r) is not None)
    rect = popup.view.visualRect(popup.model.index(row, 0))
    qtbot.mouseClick(popup.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.template().message == "{{Сумма предоплаты > printable}}"
