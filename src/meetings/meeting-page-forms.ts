import type { AgendaFormState } from '../../views/meetings/agenda.partial'
import type { FieldErrors, FormValues } from '../http/forms'

type FormState = { values: FormValues; errors: FieldErrors }

/** Forms on the meeting page that can come back with errors; each keeps what was typed. */
export type MeetingPageForms = {
  move?: FormState
  agenda?: AgendaFormState
  guest?: FormState
  minuteChecker?: FormState
  meetingChair?: FormState
  decision?: FormState
  /** keyed by decision id */
  action?: FormState & { decisionId: string }
  addendum?: FormState
  /** keyed by area id */
  assessment?: FormState & { areaId: string }
}
