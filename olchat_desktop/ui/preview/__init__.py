"""The WhatsApp-style preview: ``PreviewView`` (widget), its canvas, layout and model."""

from olchat_desktop.ui.preview.model import ButtonRow, PreviewModel, Run
from olchat_desktop.ui.preview.view import PreviewView

__all__ = ["ButtonRow", "PreviewModel", "PreviewView", "Run"]
