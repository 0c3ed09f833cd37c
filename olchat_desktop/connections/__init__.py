"""Connections: portals and OLChat lines (Qt-free): OAuth sign-in flow and the service."""
