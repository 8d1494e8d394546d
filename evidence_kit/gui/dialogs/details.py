"""The case details the user enters (issue 6 item 4): the other party, destination accounts, actions
taken, the overview with the reporter and the statement, the note on one exhibit, and in a stalking
case the acts and the refusals. Each dialog is `(session, parent=None)` (ItemNoteDialog:
`(session, item_id, parent=None)`) and saves through core.caserecords, like the CLI's party / account /
action / about / scam-start / exhibit / act / refusal."""

from .details_accounts import AccountsDialog
from .details_actions import ActionsDialog
from .details_acts import ActsDialog, RefusalsDialog
from .details_note import ItemNoteDialog
from .details_party import PartyDialog
from .details_summary import SummaryDialog

__all__ = ["AccountsDialog", "ActionsDialog", "ActsDialog", "ItemNoteDialog", "PartyDialog", "RefusalsDialog",
           "SummaryDialog"]
