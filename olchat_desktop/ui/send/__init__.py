"""The send dialog (view + controller) and the send history dialog (issue 6)."""
