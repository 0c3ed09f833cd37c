"""Behaviour of the editor: keeps the edited template and refreshes counters, problems,
samples and preview on every keystroke.

The edited template is a pydantic-free ``TemplateDraft`` (see ``core.template_draft``);
``template()`` gives the validated pydantic ``Template`` to the features that need one
(send, export, robots), loading pydantic on their first use.

Per keystroke only the changed field is recounted; every counter is recounted only when
samples change. Validation runs on the whole template (the core does it in well under a
millisecond) and the problems list is rebuilt only when the problems differ. Nothing
here touches the disk: saving belongs to the library controller (debounced autosave).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from olchat_desktop.core.counting import count_field
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.core.validation import Problem, validate
from olchat_desktop.ui.controllers.formatting import replace_in_widget
from olchat_desktop.ui.controllers.problems import ProblemsPresenter
from olchat_desktop.ui.controllers.samples import (
    ItemOrigin,
    SamplesPresenter,
    expression_sources,
    latest_origin,
    origin_texts,
)
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.views.editor_view import EditorView

if TYPE_CHECKING:
    from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
    from olchat_desktop.core.template import Template

# Fields whose expressions get a row in the samples table (the line is chosen, not typed).
_SAMPLED_FIELDS = ("phone", "header", "message", "footer")


class EditorController(QObject):
    """Binds an :class:`EditorView` to one template at a time."""

    # The user changed the template's content (not emitted while loading one).
    edited = Signal()

    def __init__(
        self,
        view: EditorView,
        problems: ProblemsPresenter,
        preview: QWidget,
        language: Callable[[], Lang],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.problems = problems
        self.preview = preview
        self._language = language
        self._template = TemplateDraft(id="")  # replaced by load(); no id needed
        self._loading = False
        self._expression_sources: tuple[str, ...] = ()
        self.samples = SamplesPresenter(view.samplesTable)
        self.samples.sample_changed.connect(self._on_sample_changed)
        self.problems.activated.connect(self.focus_field)
        self.problems.fix_requested.connect(self.apply_fix)
        # Samples filled from a CRM item, per template id: the item, and the sources
        # whose sample is still that item's value (typing over one removes it). Kept
        # for the session: the template file format has no place for it.
        self._catalogue: FieldCatalogue | None = None
        self._entity: CrmEntity = "deal"
        self._connect_fields()

    # -- public -------------------------------------------------------------------------

    def draft(self) -> TemplateDraft:
        """The edited template as it is now (cheap: no copy, no validation)."""
        return self._template

    def template(self) -> Template:
        """The edited template as the validated pydantic model."""
        from olchat_desktop.core.template import Template

        return Template.model_validate(self._template.to_stored())

    def load(self, template: TemplateDraft) -> None:
        """Show ``template``; the text widgets' undo history starts afresh."""
        self._loading = True
        try:
            self._template = template
            view = self.view
            view.nameEdit.setText(template.name)
            view.tagsEdit.setText(", ".join(template.tags))
            view.lineCombo.setEditText(template.line)
            view.phoneEdit.setText(template.phone)
            view.headerEdit.setText(template.header)
            view.messageEdit.setPlainText(template.message)
            view.footerEdit.setText(template.footer)
            for index, edit in enumerate(view.buttonEdits):
                edit.setText(template.buttons[index] if index < len(template.buttons) else "")
            view.waitForReplyCheck.setChecked(template.wait_for_reply)
            view.waitNote.setVisible(template.wait_for_reply)
        finally:
            self._loading = False
        self.refresh_all()

    def refresh_all(self) -> None:
        """Recount every field, rebuild samples, problems and preview."""
        self._refresh_samples(force=True)
        self._recount_all()
        self._revalidate()
        self._update_preview()

    def retranslate(self) -> None:
        """Problem messages come from the core in the current language."""
        self.problems.clear_cache()
        self._refresh_samples(force=True)  # the "from deal #12" texts
        self._revalidate()

    def focus_field(self, field: str) -> None:
        widget = self.widget_for_field(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def widget_for_field(self, field: str) -> QWidget | None:
        return self.view.widget_for(field)

    def set_catalogue(self, catalogue: FieldCatalogue | None, entity: CrmEntity = "deal") -> None:
        """The portal's fields to check expressions against (None: no such check)."""
        if catalogue is self._catalogue and entity == self._entity:
            return
        self._catalogue, self._entity = catalogue, entity
        self._revalidate()

    def fill_samples(self, values: Mapping[str, str], origin: ItemOrigin) -> None:
        """Set samples read from a CRM item ("" for an empty field: an exact count of
        nothing, not an unknown) and remember which item they came from."""
        samples = dict(self._template.samples)
        samples.update(values)
        # Kept in the template (and its file), so the marks and "Refill" survive a restart.
        origins = dict(self._template.sample_origins)
        origins.update(dict.fromkeys(values, origin.ref))
        self._template = self._template.replace(samples=samples, sample_origins=origins)
        self._refresh_samples(force=True)
        self._recount_all()
        self._revalidate()
        self._update_preview()
        self.edited.emit()

    def sample_origin(self) -> ItemOrigin | None:
        """The item the current template's samples were last filled from."""
        return latest_origin(self._template.sample_origins)

    def apply_fix(self, problem: Problem) -> None:
        """Replace the problem's expression with its replacement, in its field, as one
        undo step of that field (Ctrl+Z there takes it back, like typing)."""
        expression = getattr(problem, "expression", "")
        replacement = getattr(problem, "replacement", "")
        widget = self.widget_for_field(problem.field)
        if not expression or not replacement or widget is None:
            return
        replace_in_widget(widget, expression, replacement)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_problems(self) -> list[Problem]:
        return self.problems.problems

    # -- wiring -------------------------------------------------------------------------

    def _connect_fields(self) -> None:
        view = self.view
        view.nameEdit.textChanged.connect(lambda text: self._set("name", text))
        view.tagsEdit.textChanged.connect(lambda text: self._set("tags", _split_tags(text)))
        view.lineCombo.editTextChanged.connect(lambda text: self._set("line", text))
        view.phoneEdit.textChanged.connect(lambda text: self._set_text("phone", text))
        view.headerEdit.textChanged.connect(lambda text: self._set_text("header", text))
        view.messageEdit.textChanged.connect(
            lambda: self._set_text("message", view.messageEdit.toPlainText())
        )
        view.footerEdit.textChanged.connect(lambda text: self._set_text("footer", text))
        for edit in view.buttonEdits:
            edit.textChanged.connect(self._on_buttons_changed)
        view.waitForReplyCheck.toggled.connect(self._on_wait_toggled)

    def _set(self, field: str, value: Any) -> None:
        """A field that has no counter and no expressions (name, tags, line)."""
        if self._loading:
            return
        self._template = self._template.replace(**{field: value})
        self._revalidate()
        if field == "line":
            self._update_preview()
        self.edited.emit()

    def _set_text(self, field: str, text: str) -> None:
        if self._loading:
            return
        self._template = self._template.replace(**{field: text})
        if not self._refresh_samples():
            counter = self.view.counter_for(field)
            if counter is not None:
                counter.show_count(count_field(text, self._template.samples))
        self._revalidate()
        self._update_preview()
        self.edited.emit()

    def _on_buttons_changed(self) -> None:
        if self._loading:
            return
        buttons = [edit.text() for edit in self.view.buttonEdits]
        # Trailing empty entries are not buttons (the validator ignores them too).
        while buttons and buttons[-1] == "":
            buttons.pop()
        self._template = self._template.replace(buttons=buttons)
        if not self._refresh_samples():
            for edit, counter in zip(self.view.buttonEdits, self.view.buttonCounters, strict=True):
                counter.show_count(count_field(edit.text(), self._template.samples))
        self._revalidate()
        self._update_preview()
        self.edited.emit()

    def _on_wait_toggled(self, checked: bool) -> None:
        self.view.waitNote.setVisible(checked)
        self._set("wait_for_reply", checked)

    def _on_sample_changed(self, source: str, value: str | None) -> None:
        origins = dict(self._template.sample_origins)
        origins.pop(source, None)  # typed by the user now
        samples = dict(self._template.samples)
        if value is None:
            samples.pop(source, None)
        else:
            samples[source] = value
        self._template = self._template.replace(samples=samples, sample_origins=origins)
        self._recount_all()
        self._revalidate()
        self._update_preview()
        self.edited.emit()

    # -- refreshing ---------------------------------------------------------------------

    def _recount_all(self) -> None:
        template, view = self._template, self.view
        samples = template.samples
        view.headerCounter.show_count(count_field(template.header, samples))
        view.messageCounter.show_count(count_field(template.message, samples))
        view.footerCounter.show_count(count_field(template.footer, samples))
        for edit, counter in zip(view.buttonEdits, view.buttonCounters, strict=True):
            counter.show_count(count_field(edit.text(), samples))

    def _refresh_samples(self, force: bool = False) -> bool:
        """Rebuild the samples table when the set of expressions changed; True if it did
        (then every counter was recounted too)."""
        template = self._template
        texts = [getattr(template, name) for name in _SAMPLED_FIELDS] + list(template.buttons)
        found = expression_sources(texts)
        if found == self._expression_sources and not force:
            return False
        self._expression_sources = found
        lang = self._language()
        origins = origin_texts(template.sample_origins, lang)
        latest = latest_origin(template.sample_origins)
        refill = self.view.refillSamplesButton
        if latest is not None:
            refill.setText(ui_text("Refill {origin}").replace("{origin}", latest.text(lang)))
        refill.setVisible(latest is not None)
        self.samples.show(found, template.samples, origins)
        if not force:
            self._recount_all()
        return True

    def _revalidate(self) -> None:
        lang = self._language()
        if self._catalogue is None:
            self.problems.show(validate(self._template, lang))
        else:
            self.problems.show(
                validate(self._template, lang, catalogue=self._catalogue, entity=self._entity)
            )

    def _update_preview(self) -> None:
        set_template = getattr(self.preview, "set_template", None)
        if set_template is not None:
            set_template(self._template)


def _split_tags(text: str) -> list[str]:
    tags: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag.casefold() not in (t.casefold() for t in tags):
            tags.append(tag)
    return tags
