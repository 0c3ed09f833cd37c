"""The Qt-free, I/O-free heart of OLChat Desktop: model, limits, counting, validation, markup."""
