"""Test sends, Qt-free: the OLChat REST path, the Bitrix24 business-process path, the
parameter mapping, the double-send guard and the persistent send history.

The GUI (``olchat_desktop.ui.send``) and the ``send-test`` command both drive these
modules; every blocking call takes a cancel token and a ``report`` callback for progress.
"""
