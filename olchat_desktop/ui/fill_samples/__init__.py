"""Fill samples from a CRM item (issue 14): the dialog, its worker and the hook that opens it."""
