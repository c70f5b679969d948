"""What the collaboration models share."""

import pgtrigger

# Records the office relies on (a filing, a campaign, an attendance) refuse DELETE in
# the database itself.
NO_HARD_DELETE = pgtrigger.Protect(name="protect_deletes", operation=pgtrigger.Delete)
