"""The registry's pages, one module per subject, mirroring `services/`: `kims` (list,
detail, deactivation, invitations), `registration`, `verification`, `documents`,
`partnerships`, `reviews`, `change_requests`, the KIM's own pages (`self_service`), the
agency `directory` and `exports`; `common` holds what the staff pages share.

A view fetches through the selectors (out of scope → 404), asks the permission of
`registry/rules.py` to decide what to offer, calls one service and shows its errors
through `kimportal.core.service_errors`. It opens no transaction and reads no relation
itself.
"""
