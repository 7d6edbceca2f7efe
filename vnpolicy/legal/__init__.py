"""Legal references: find, link, resolve and look up documents (see :mod:`vnpolicy.legal_refs`)."""
