import { Hono, type Context } from 'hono'
import { commit, type ChangeRecord } from '../changes/commit'
import { checkedForm } from '../personal-data/form-check'
import {
  AgendaItemEditForm,
  AgendaSection,
  AgendaStatus,
  type AgendaFormState,
} from '../../views/meetings/agenda.partial'
import { AgendaItemPage } from '../../views/meetings/agenda-item.page'
import { requireRole, type MeetingAccess } from '../access/team-access'
import type { AppEnv } from '../http/app-env'
import { AppError, notFound } from '../http/errors'
import { readForm } from '../http/forms'
import { isHtmx } from '../http/htmx'
import { idParam } from '../http/params'
import { render } from '../http/render'
import { todayInStockholm } from '../i18n/format'
import { listPresenterAgencies } from '../teams/team.repository'
import { agendaItemSchema } from '../meetings/meeting-forms'
import { isEditable } from '../meetings/meeting-status'
import {
  addAgendaItem,
  findAgendaItem,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
} from '../meetings/meeting.repository'
import { agendaSectionData } from './agenda-data'
import { meetingAccess, meetingPage } from '../meetings/meeting.routes'

export const agendaRoutes = new Hono<AppEnv>()

async function requireAgendaEditor(c: Context<AppEnv>) {
  const access = await meetingAccess(c)
  requireRole(access, 'editAgenda')
  if (!isEditable(access.meeting.status)) {
    throw new AppError(
      409,
      access.meeting.status === 'approved' ? 'meeting.error.frozen' : 'meeting.error.agendaClosed',
    )
  }
  return access
}

/**
 * After a change: the agenda fragment for htmx, or back to the meeting page for a
 * plain form. The item changed (added, edited, moved) takes the focus after the swap.
 */
async function answer(
  c: Context<AppEnv>,
  access: MeetingAccess,
  outcome: { failed?: AgendaFormState; changedItemId?: string } = {},
) {
  const { failed, changedItemId } = outcome
  if (isHtmx(c)) {
    const data = await agendaSectionData(c.get('deps').db, access)
    return render(
      c,
      <>
        <AgendaSection data={data} failed={failed ?? null} changedItemId={changedItemId ?? null} />
        <AgendaStatus announce={failed ? null : c.get('t')('agenda.updated')} outOfBand />
      </>,
      failed ? 422 : 200,
    )
  }
  if (failed) return meetingPage(c, access, { agenda: failed }, 422)
  return c.redirect(
    `/moten/${access.meeting.id}#${changedItemId ? `agenda-item-${changedItemId}` : 'dagordning'}`,
    303,
  )
}

async function validAgendaForm(c: Context<AppEnv>, access: MeetingAccess, formKey: string) {
  const form = await checkedForm(c, agendaItemSchema, await readForm(c), access.team.id)
  if (!form.ok) return { failed: { formKey, values: form.values, errors: form.errors } }
  const agencies = await listPresenterAgencies(
    c.get('deps').db,
    access.team.id,
    access.meeting.id,
    todayInStockholm(),
  )
  if (form.data.presenterAgencyId && !agencies.some((a) => a.id === form.data.presenterAgencyId)) {
    return {
      failed: {
        formKey,
        values: form.values,
        errors: { presenterAgencyId: 'error.choice' as const },
      },
    }
  }
  return { data: form.data }
}

/**
 * An agenda change's audit event and its notice: the one item changed, or (`itemId`
 * null) the list itself, when items are added, removed or moved.
 */
function recordAgendaChange(
  change: ChangeRecord,
  access: MeetingAccess,
  action: string,
  itemId: string,
  onlyThatItem = false,
) {
  change.audit({
    action,
    objectType: 'agenda_item',
    objectId: itemId,
    details: { meetingId: access.meeting.id, teamId: access.team.id },
  })
  change.publish(access.meeting.id, { kind: 'agenda', itemId: onlyThatItem ? itemId : null })
}

agendaRoutes.post('/dagordning', async (c) => {
  const access = await requireAgendaEditor(c)
  const form = await validAgendaForm(c, access, 'new')
  if (form.failed) return answer(c, access, { failed: form.failed })
  const id = await commit(c, async (trx, change) => {
    const id = await addAgendaItem(trx, access.meeting.id, form.data)
    recordAgendaChange(change, access, 'agenda.add', id)
    return id
  })
  return answer(c, access, { changedItemId: id })
})

async function requireItem(c: Context<AppEnv>, access: MeetingAccess) {
  const item = await findAgendaItem(c.get('deps').db, access.meeting.id, idParam(c, 'itemId'))
  if (!item) throw notFound()
  return item
}

agendaRoutes.get('/dagordning/:itemId', async (c) => {
  const access = await requireAgendaEditor(c)
  const item = await requireItem(c, access)
  const { agencies } = await agendaSectionData(c.get('deps').db, access)
  const form = (plain: boolean) => (
    <AgendaItemEditForm
      meetingId={access.meeting.id}
      item={item}
      state={null}
      agencies={agencies}
      plain={plain}
    />
  )
  if (isHtmx(c)) return render(c, form(false))
  return render(c, <AgendaItemPage access={access} item={item} form={form(true)} />)
})

agendaRoutes.post('/dagordning/:itemId', async (c) => {
  const access = await requireAgendaEditor(c)
  const item = await requireItem(c, access)
  const form = await validAgendaForm(c, access, item.id)
  if (form.failed) return answer(c, access, { failed: form.failed })
  await commit(c, async (trx, change) => {
    await updateAgendaItem(trx, item.id, form.data)
    recordAgendaChange(change, access, 'agenda.update', item.id, true)
  })
  return answer(c, access, { changedItemId: item.id })
})

agendaRoutes.post('/dagordning/:itemId/ta-bort', async (c) => {
  const access = await requireAgendaEditor(c)
  const item = await requireItem(c, access)
  await commit(c, async (trx, change) => {
    await removeAgendaItem(trx, access.meeting.id, item.id)
    recordAgendaChange(change, access, 'agenda.remove', item.id)
  })
  return answer(c, access)
})

for (const [path, direction] of [
  ['upp', -1],
  ['ner', 1],
] as const) {
  agendaRoutes.post(`/dagordning/:itemId/${path}`, async (c) => {
    const access = await requireAgendaEditor(c)
    const item = await requireItem(c, access)
    await commit(c, async (trx, change) => {
      await moveAgendaItem(trx, access.meeting.id, item.id, direction)
      const action = `agenda.move_${path === 'upp' ? 'up' : 'down'}`
      recordAgendaChange(change, access, action, item.id)
    })
    return answer(c, access, { changedItemId: item.id })
  })
}
