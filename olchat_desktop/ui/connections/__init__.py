"""The Connections UI: portals (webhook, OAuth) and OLChat lines, with their forms."""
