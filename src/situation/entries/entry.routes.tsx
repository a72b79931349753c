import { Hono, type Context } from 'hono'
import { EntryCard, EntryPage } from '../../../views/situation/entry.page'
import { EntryFormPage } from '../../../views/situation/entry-form.page'
import type { ShownEntry, StoredEntry } from '../../access/entry-policy'
import { readEntry, readOwnEntryIdByKey, readOwnLastAreaAndCategory } from '../read'
import { mayDo } from '../../access/meeting-policy'
import { requireTeamAccess, type TeamAccess } from '../../access/team-access'
import { commit, type ChangeRecord } from '../../changes/commit'
import type { Trx } from '../../db/connect'
import { newId } from '../../db/ids'
import type { AppEnv, Viewer } from '../../http/app-env'
import { readerFor } from '../../http/reader'
import { AppError, notFound } from '../../http/errors'
import { readForm, validateShape, type FieldErrors, type FormValues } from '../../http/forms'
import { isHtmx } from '../../http/htmx'
import { idParam, isUuid } from '../../http/params'
import { render } from '../../http/render'
import { rememberConfirmed } from '../../personal-data/form-check'
import { isoWeekKey, todayInStockholm } from '../../i18n/format'
import { proposeBases } from '../../sharing/sharing-guide'
import { recordDisclosure } from './disclosure.repository'
import { defaultPeriod, meetingForNewEntry } from './entry-meeting'
import { entrySchema, readGuideAnswers, type EntryFormData } from './entry-form'
import { checkEntry, loadEntryFormOptions, type EntryFormOptions } from './entry-rules'
import {
  createEntry,
  updateEntry,
  withdrawEntry,
  type EntryInput,
} from './situation-entry.repository'
import type { Audience } from './widening'

export const entryRoutes = new Hono<AppEnv>()
export const newEntryRoutes = new Hono<AppEnv>()

function requireReporter(access: TeamAccess) {
  if (!mayDo(access.role, 'report')) throw new AppError(403, 'error.forbidden')
}

type FormPageState = {
  values: FormValues
  errors: FieldErrors
  proposed: EntryFormProposal
  guideNeeded: boolean
}
type EntryFormProposal = Awaited<ReturnType<typeof checkEntry>>['proposed']

async function newEntryValues(
  c: Context<AppEnv>,
  access: TeamAccess,
  options: EntryFormOptions,
): Promise<FormValues> {
  const { db } = c.get('deps')
  const [last, meeting] = await Promise.all([
    readOwnLastAreaAndCategory(readerFor(c, 'entry_page'), access),
    meetingForNewEntry(c.get('deps'), access.team.id),
  ])
  const period = await defaultPeriod(db, access.team.id, meeting)
  const areaId =
    last && options.areas.some((a) => a.id === last.areaId)
      ? last.areaId
      : (options.areas[0]?.id ?? '')
  const categoryId =
    last && options.categories.some((cat) => cat.id === last.categoryId) ? last.categoryId : ''
  const category = options.categories.find((cat) => cat.id === categoryId)
  return {
    idempotencyKey: newId(),
    areaId,
    categoryId,
    periodFrom: period.from,
    periodTo: period.to,
    trend: 'unchanged',
    scope: category?.default_scope ?? 'team',
  }
}

newEntryRoutes.get('/poster/ny', async (c) => {
  const { db } = c.get('deps')
  const access = await requireTeamAccess(db, c.get('viewer')!, idParam(c, 'teamId'))
  requireReporter(access)
  const options = await loadEntryFormOptions(
    c.get('deps'),
    access.team.id,
    c.get('viewer')!,
    todayInStockholm(),
  )
  const values = await newEntryValues(c, access, options)
  const saved = c.req.query('sparad')
  const savedId = saved && isUuid(saved) ? saved : null
  return render(
    c,
    <EntryFormPage
      team={access.team}
      options={options}
      state={{ values, errors: {}, proposed: null, guideNeeded: false }}
      savedId={savedId}
      entryId={null}
    />,
  )
})

newEntryRoutes.post('/poster', async (c) => {
  const { db } = c.get('deps')
  const viewer = c.get('viewer')!
  const access = await requireTeamAccess(db, viewer, idParam(c, 'teamId'))
  requireReporter(access)
  const raw = await readForm(c, ['recipients'])
  const key = raw.idempotencyKey ?? ''
  if (!isUuid(key)) throw new AppError(400, 'error.badForm')
  // A resent or double-clicked form finds the entry it already made.
  const already = await readOwnEntryIdByKey(readerFor(c, 'entry_page'), key)
  if (already) return c.redirect(`/team/${access.team.id}/poster/ny?sparad=${already}`, 303)

  const today = todayInStockholm()
  const options = await loadEntryFormOptions(c.get('deps'), access.team.id, viewer, today)
  const again = (state: Omit<FormPageState, 'values'>, status: 200 | 422) =>
    render(
      c,
      <EntryFormPage
        team={access.team}
        options={options}
        state={{ values: raw, ...state }}
        savedId={null}
        entryId={null}
      />,
      status,
    )
  const checked = await validateAndCheck(c, access, options, raw, null, today)
  if (!checked.ok)
    return again(
      checked.state,
      checked.state.errors && Object.keys(checked.state.errors).length ? 422 : 200,
    )
  const { data, check } = checked
  const meeting = await meetingForNewEntry(c.get('deps'), access.team.id)
  let entryId: string
  try {
    entryId = await commit(c, async (trx, change) => {
      const id = await createEntry(trx, {
        ...entryInput(data, check.basis?.id ?? null),
        teamId: access.team.id,
        meetingId: meeting?.id ?? null,
        sourceAgencyId: viewer.agencyId,
        authorUserId: viewer.userId,
        idempotencyKey: key,
      })
      change.audit({
        action: 'entry.create',
        objectType: 'situation_entry',
        objectId: id,
        details: { teamId: access.team.id, scope: data.scope, categoryId: data.categoryId },
      })
      if (check.reached.length > 0) await disclose(c, trx, change, access, id, data, check, raw)
      if (meeting) change.publish(meeting.id, { kind: 'entries', areaIds: [data.areaId] })
      return id
    })
  } catch (error) {
    // Two submits of the same form at once: the second finds the first's entry.
    const made = await readOwnEntryIdByKey(readerFor(c, 'entry_page'), key)
    if (made) return c.redirect(`/team/${access.team.id}/poster/ny?sparad=${made}`, 303)
    throw error
  }
  return c.redirect(`/team/${access.team.id}/poster/ny?sparad=${entryId}`, 303)
})

type Checked =
  | { ok: true; data: EntryFormData; check: Awaited<ReturnType<typeof checkEntry>> }
  | { ok: false; state: Omit<FormPageState, 'values'> }

/** The form's shape, then the team's rules; "show the bases" stops here and returns the form with them. */
async function validateAndCheck(
  c: Context<AppEnv>,
  access: TeamAccess,
  options: EntryFormOptions,
  raw: FormValues,
  before: Audience | null,
  today: string,
): Promise<Checked> {
  const form = validateShape(entrySchema, raw) // its text is checked in checkEntry, with the team's rules
  if (!form.ok) {
    return {
      ok: false,
      state: {
        errors: form.errors,
        proposed: proposalsFor(options, raw, c.get('viewer')!, today),
        guideNeeded: raw.scope !== 'team' && !!raw.recipients,
      },
    }
  }
  const check = await checkEntry(
    c.get('t'),
    c.get('deps'),
    access.team.id,
    c.get('viewer')!,
    options,
    form.data,
    raw,
    before,
    today,
  )
  const guideNeeded = check.reached.length > 0
  if (raw.step === 'guide') {
    // Only the guide was asked for: no errors for a basis not yet chosen.
    const { legalBasisId: _, ...rest } = check.errors
    return {
      ok: false,
      state: {
        errors: rest.description || rest.ownReference ? rest : {},
        proposed: check.proposed,
        guideNeeded,
      },
    }
  }
  if (Object.keys(check.errors).length > 0)
    return { ok: false, state: { errors: check.errors, proposed: check.proposed, guideNeeded } }
  rememberConfirmed(c, check.confirmed)
  return { ok: true, data: form.data, check }
}

const proposalsFor = (
  options: EntryFormOptions,
  raw: FormValues,
  viewer: Viewer,
  today: string,
) => {
  const answers = readGuideAnswers(raw)
  return answers ? proposeBases(options.catalogue, answers, viewer.agencyKind, today) : null
}

function entryInput(data: EntryFormData, legalBasisId: string | null): EntryInput {
  return {
    areaId: data.areaId,
    categoryId: data.categoryId,
    periodFrom: data.periodFrom,
    periodTo: data.periodTo,
    week: isoWeekKey(data.periodTo),
    eventCount: data.eventCount,
    trend: data.trend,
    description: data.description,
    ownReference: data.ownReference,
    scope: data.scope,
    recipientAgencyIds: data.scope === 'team' ? [] : data.recipients,
    legalBasisId,
  }
}

/** The disclosure record and its audit event, in the entry's transaction. */
async function disclose(
  c: Context<AppEnv>,
  trx: Trx,
  change: ChangeRecord,
  access: TeamAccess,
  entryId: string,
  data: EntryFormData,
  check: Awaited<ReturnType<typeof checkEntry>>,
  raw: FormValues,
) {
  const viewer = c.get('viewer')!
  const disclosureId = await recordDisclosure(trx, {
    teamId: access.team.id,
    entryId,
    categoryId: data.categoryId,
    fromAgencyId: viewer.agencyId,
    toAgencyIds: check.reached,
    scope: data.scope,
    legalBasisId: check.basis!.id,
    guideAnswers: readGuideAnswers(raw) ?? {},
    decidedBy: viewer.userId,
  })
  change.audit({
    action: 'entry.disclose',
    objectType: 'disclosure',
    objectId: disclosureId,
    details: {
      teamId: access.team.id,
      entryId,
      to: check.reached,
      legalBasisId: check.basis!.id,
      scope: data.scope,
    },
  })
}

// --- one entry

/** The entry as the viewer may see it, through the read door; 404 when they may not see it at all. */
async function entryFor(
  c: Context<AppEnv>,
): Promise<{ access: TeamAccess; shown: ShownEntry; own: StoredEntry | null }> {
  const found = await readEntry(
    readerFor(c, isHtmx(c) ? 'entry_fragment' : 'entry_page'),
    idParam(c, 'entryId'),
  )
  if (!found) throw notFound()
  return found
}

/** For changes: only the source agency's reporters, and only until the entry's meeting is approved. */
async function editableEntry(
  c: Context<AppEnv>,
): Promise<{ access: TeamAccess; entry: StoredEntry }> {
  const { access, own } = await entryFor(c)
  if (!own || !mayDo(access.role, 'report')) throw new AppError(403, 'error.forbidden')
  if (own.meetingApproved) throw new AppError(409, 'situation.error.frozen')
  if (own.withdrawn) throw new AppError(409, 'situation.error.withdrawn')
  return { access, entry: own }
}

entryRoutes.get('/:entryId', async (c) => {
  const { access, shown } = await entryFor(c)
  if (isHtmx(c)) return render(c, <EntryCard entry={shown} />)
  return render(c, <EntryPage team={access.team} entry={shown} />)
})

const editValues = (entry: StoredEntry): FormValues => ({
  areaId: entry.areaId,
  categoryId: entry.categoryId,
  periodFrom: entry.periodFrom,
  periodTo: entry.periodTo,
  eventCount: entry.eventCount === null ? '' : String(entry.eventCount),
  trend: entry.trend,
  description: entry.description,
  ownReference: entry.ownReference,
  scope: entry.scope,
  recipients: entry.recipientAgencyIds.join(','),
})

entryRoutes.get('/:entryId/andra', async (c) => {
  const { entry, access } = await editableEntry(c)
  const options = await loadEntryFormOptions(
    c.get('deps'),
    access.team.id,
    c.get('viewer')!,
    todayInStockholm(),
  )
  return render(
    c,
    <EntryFormPage
      team={access.team}
      options={options}
      state={{ values: editValues(entry), errors: {}, proposed: null, guideNeeded: false }}
      savedId={null}
      entryId={entry.id}
    />,
  )
})

entryRoutes.post('/:entryId', async (c) => {
  const { entry, access } = await editableEntry(c)
  const raw = await readForm(c, ['recipients'])
  const today = todayInStockholm()
  const options = await loadEntryFormOptions(c.get('deps'), access.team.id, c.get('viewer')!, today)
  const before: Audience = {
    scope: entry.scope,
    recipientAgencyIds: entry.recipientAgencyIds,
    basisAllowsPrivateRecipients: entry.basisAllowsPrivateRecipients,
  }
  const checked = await validateAndCheck(c, access, options, raw, before, today)
  if (!checked.ok) {
    const status = Object.keys(checked.state.errors).length ? 422 : 200
    return render(
      c,
      <EntryFormPage
        team={access.team}
        options={options}
        state={{ values: raw, ...checked.state }}
        savedId={null}
        entryId={entry.id}
      />,
      status,
    )
  }
  const { data, check } = checked
  await commit(c, async (trx, change) => {
    // A narrowing keeps the basis the entry was widened on; a widening records the new one.
    await updateEntry(trx, entry, entryInput(data, check.basis?.id ?? entry.legalBasisId))
    change.audit({
      action: 'entry.update',
      objectType: 'situation_entry',
      objectId: entry.id,
      details: { teamId: access.team.id, scope: data.scope, scopeBefore: entry.scope },
    })
    if (check.reached.length > 0) await disclose(c, trx, change, access, entry.id, data, check, raw)
    if (entry.meetingId)
      change.publish(entry.meetingId, { kind: 'entries', areaIds: [entry.areaId, data.areaId] })
  })
  return c.redirect(`/poster/${entry.id}`, 303)
})

entryRoutes.post('/:entryId/dra-tillbaka', async (c) => {
  const { entry, access } = await editableEntry(c)
  await commit(c, async (trx, change) => {
    await withdrawEntry(trx, entry)
    change.audit({
      action: 'entry.withdraw',
      objectType: 'situation_entry',
      objectId: entry.id,
      details: { teamId: access.team.id },
    })
    if (entry.meetingId)
      change.publish(entry.meetingId, { kind: 'entries', areaIds: [entry.areaId] })
  })
  return c.redirect(`/poster/${entry.id}`, 303)
})
