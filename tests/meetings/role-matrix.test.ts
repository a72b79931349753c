import { describe, expect, it } from 'vitest'
import type { MeetingStatus } from '../../src/meetings/meeting.table'
import {
  aMeeting,
  aMembership,
  anArea,
  aUser,
  letterMarker,
  useTeamWithRoles,
} from '../support/builders'
import { lonLatAreas } from '../map/fixtures'
import { inDays } from '../support/days'
import { inTransaction } from '../support/in-transaction'
import { createReport, seatReporter } from '../../src/reports/report.repository'

const s = useTeamWithRoles()

type Role = 'coordinator' | 'chair' | 'member' | 'observer' | 'outsider'
const roles: Role[] = ['coordinator', 'chair', 'member', 'observer', 'outsider']

/** A fresh meeting in `status`, with one of everything a route may need, opened and closed as the chair would. */
async function fixture(status: MeetingStatus) {
  const meetingId = await aMeeting(s.ctx.db, s.t.team.id, {
    status: status === 'planned' ? 'planned' : 'called',
    startsInDays: 0,
  })
  const item = await s.ctx.db
    .selectFrom('agenda_items')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow()
  const ids: Record<string, string> = { meetingId, itemId: item.id, teamId: s.t.team.id }
  if (['open', 'closed', 'approved'].includes(status)) {
    await s.t.chair.client.post(`/moten/${meetingId}/oppna`, {})
    await s.t.chair.client.post(`/moten/${meetingId}/narvaro`, {
      [`present-${s.t.chair.agencyId}`]: 'on',
      [`present-${s.t.member.agencyId}`]: 'on',
    })
    await s.t.chair.client.post(`/moten/${meetingId}/gaster`, { organisation: 'Räddningstjänsten' })
    await s.t.chair.client.post(`/moten/${meetingId}/justerare`, { userId: s.t.member.id })
    await s.t.chair.client.post(`/moten/${meetingId}/beslut`, { text: 'Ett beslut' })
    ids.decisionId = (
      await s.ctx.db
        .selectFrom('decisions')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).id
    ids.guestId = (
      await s.ctx.db
        .selectFrom('meeting_guests')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).id
    await s.t.chair.client.post(`/moten/${meetingId}/beslut/${ids.decisionId}/atgarder`, {
      text: 'En åtgärd',
      ownerAgencyId: s.t.member.agencyId,
      dueOn: inDays(7),
    })
    ids.actionId = (
      await s.ctx.db
        .selectFrom('actions')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).id
  }
  if (status === 'closed') {
    // Done, and followed up by its owner agency: ready for the owner's follow-up and the chair's confirmation.
    await s.ctx.db
      .updateTable('actions')
      .set({
        status: 'done',
        closed_at: new Date().toISOString(),
        follow_up_done: 'yes',
        follow_up_effect: 'better',
        follow_up_reason: 'Färre samlingar',
        follow_up_by: s.t.member.id,
        follow_up_at: new Date().toISOString(),
      })
      .where('id', '=', ids.actionId!)
      .execute()
  }
  if (status === 'closed' || status === 'approved')
    await s.t.chair.client.post(`/moten/${meetingId}/stang`, {})
  if (status === 'approved') {
    await s.t.chair.client.post(`/moten/${meetingId}/protokoll/justera`, {})
    await s.t.member.client.post(`/moten/${meetingId}/protokoll/justera`, {})
  }
  const series = await s.ctx.db
    .selectFrom('meeting_series')
    .select('id')
    .where('team_id', '=', s.t.team.id)
    .executeTakeFirst()
  ids.seriesId = series?.id ?? crypto.randomUUID()
  ids.placeId = crypto.randomUUID()
  // Someone of an agency already in the team, not yet a member; and another's seat to change.
  ids.candidateId = (await aUser(s.ctx.db, { agencyId: s.t.member.agencyId })).id
  const other = await aUser(s.ctx.db, { agencyId: s.t.member.agencyId })
  await aMembership(s.ctx.db, s.t.team.id, other.id, 'observer')
  ids.membershipId = (
    await s.ctx.db
      .selectFrom('team_memberships')
      .select('id')
      .where('user_id', '=', other.id)
      .executeTakeFirstOrThrow()
  ).id
  // A reporter of the member's agency with a seat and a report sent to the whole team; another to seat.
  const reporter = await aUser(s.ctx.db, { agencyId: s.t.member.agencyId })
  ids.reporterCandidateId = (await aUser(s.ctx.db, { agencyId: s.t.member.agencyId })).id
  const area = await anArea(s.ctx.db, s.t.team.id)
  const category = await s.ctx.db
    .selectFrom('categories')
    .select('id')
    .where('team_id', '=', s.t.team.id)
    .executeTakeFirstOrThrow()
  await inTransaction(s.ctx.db, async (trx) => {
    ids.seatId = await seatReporter(trx, s.t.team.id, reporter.id)
    ids.reportId = await createReport(trx, {
      teamId: s.t.team.id,
      reporterUserId: reporter.id,
      agencyId: s.t.member.agencyId,
      areaId: area.id,
      categoryId: category.id,
      observedOn: inDays(-1),
      eventCount: 1,
      trend: 'increasing',
      description: 'Trasig belysning i gångtunneln',
      scope: 'team',
      idempotencyKey: crypto.randomUUID(),
    })
  })
  // Someone outside the team to invite as a guest, and a guest already invited.
  ids.guestEmail = (await aUser(s.ctx.db)).email
  const invitedGuest = await aUser(s.ctx.db)
  ids.grantId = crypto.randomUUID()
  await s.ctx.db
    .insertInto('meeting_guest_access')
    .values({
      id: ids.grantId,
      meeting_id: meetingId,
      user_id: invitedGuest.id,
      invited_by: s.t.coordinator.id,
      created_at: new Date().toISOString(),
    })
    .execute()
  ids.areaId =
    (
      await s.ctx.db
        .selectFrom('areas')
        .select('id')
        .where('team_id', '=', s.t.team.id)
        .executeTakeFirst()
    )?.id ?? (await anArea(s.ctx.db, s.t.team.id)).id
  await s.ctx.db
    .insertInto('area_outlines')
    .values({
      area_id: ids.areaId,
      geometry: JSON.stringify({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [13, 55],
              [13.1, 55],
              [13.1, 55.1],
              [13, 55],
            ],
          ],
        ],
      }),
      updated_by: s.t.coordinator.id,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('area_id').doNothing())
    .execute()
  ids.categoryId = (
    await s.ctx.db
      .selectFrom('categories')
      .select('id')
      .where('team_id', '=', s.t.team.id)
      .where('is_sensitive', '=', 0)
      .executeTakeFirstOrThrow()
  ).id
  await s.ctx.db
    .insertInto('team_allowed_places')
    .values({
      id: ids.placeId,
      team_id: s.t.team.id,
      name: `Torg ${ids.placeId}`,
      created_at: new Date().toISOString(),
    })
    .execute()
  return ids
}

const seriesForm = {
  title: 'Serie',
  cadence: 'w1',
  weekday: '3',
  startTime: '10:00',
  durationMinutes: '60',
  firstDay: inDays(1),
  agendaTemplate: 'est',
}

/**
 * Every write route of meetings and actions: the status it needs, a valid form,
 * and exactly who may use it. A route missing here fails the first test.
 */
const matrix: Record<
  string,
  {
    status: MeetingStatus
    form: (ids: Record<string, string>) => Record<string, string>
    allowed: Role[]
  }
> = {
  '/team/:teamId/platser': {
    status: 'planned',
    form: () => ({ name: `Plats ${letterMarker()}` }),
    allowed: ['coordinator'],
  },
  '/team/:teamId/platser/:placeId/ta-bort': {
    status: 'planned',
    form: () => ({}),
    allowed: ['coordinator'],
  },
  '/team/:teamId/medlemmar': {
    status: 'planned',
    form: (ids) => ({ userId: ids.candidateId!, role: 'member', endsOn: '' }),
    allowed: ['coordinator'],
  },
  '/team/:teamId/medlemmar/:membershipId': {
    status: 'planned',
    form: () => ({ role: 'observer', endsOn: '' }),
    allowed: ['coordinator'],
  },
  '/team/:teamId/moten/serier': {
    status: 'planned',
    form: () => seriesForm,
    allowed: ['coordinator'],
  },
  '/team/:teamId/moten/serier/:seriesId': {
    status: 'planned',
    form: () => seriesForm,
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/kalla': { status: 'planned', form: () => ({}), allowed: ['coordinator'] },
  '/moten/:meetingId/oppna': {
    status: 'called',
    form: () => ({}),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/stang': {
    status: 'open',
    form: () => ({}),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/stall-in': { status: 'called', form: () => ({}), allowed: ['coordinator'] },
  '/moten/:meetingId/ordforande': {
    status: 'called',
    form: () => ({ userId: s.t.member.id }),
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/flytta': {
    status: 'called',
    form: () => ({ day: inDays(5), startTime: '11:00', durationMinutes: '60' }),
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/dagordning': {
    status: 'called',
    form: () => ({ title: 'Punkt', kind: 'other' }),
    allowed: ['coordinator', 'chair'],
  },
  '/moten/:meetingId/dagordning/:itemId': {
    status: 'called',
    form: () => ({ title: 'Punkt', kind: 'other' }),
    allowed: ['coordinator', 'chair'],
  },
  '/moten/:meetingId/dagordning/:itemId/ta-bort': {
    status: 'called',
    form: () => ({}),
    allowed: ['coordinator', 'chair'],
  },
  '/moten/:meetingId/dagordning/:itemId/upp': {
    status: 'called',
    form: () => ({}),
    allowed: ['coordinator', 'chair'],
  },
  '/moten/:meetingId/dagordning/:itemId/ner': {
    status: 'called',
    form: () => ({}),
    allowed: ['coordinator', 'chair'],
  },
  '/moten/:meetingId/narvaro': {
    status: 'open',
    form: () => ({}),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/gaster': {
    status: 'open',
    form: () => ({ organisation: 'Fritid' }),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/gaster/:guestId/ta-bort': {
    status: 'open',
    form: () => ({}),
    allowed: ['chair', 'coordinator'],
  },
  // A guest for one meeting: the coordinator's.
  '/moten/:meetingId/gastinbjudan': {
    status: 'called',
    form: (ids) => ({ email: ids.guestEmail!, name: '', agencyId: '' }),
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/gastinbjudan/:grantId/ta-bort': {
    status: 'called',
    form: () => ({}),
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/justerare': {
    status: 'open',
    form: () => ({ userId: s.t.member.id }),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/beslut': {
    status: 'open',
    form: () => ({ text: 'Beslut' }),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/beslut/:decisionId/atgarder': {
    status: 'open',
    form: () => ({ text: 'Åtgärd', ownerAgencyId: s.t.member.agencyId, dueOn: inDays(7) }),
    allowed: ['chair', 'coordinator'],
  },
  // The chair approves; the justerare (here the member) approves in that capacity.
  '/moten/:meetingId/protokoll/justera': {
    status: 'closed',
    form: () => ({}),
    allowed: ['chair', 'member'],
  },
  '/moten/:meetingId/protokoll/utlamnande': {
    status: 'approved',
    form: () => ({ requestReference: '' }),
    allowed: ['coordinator'],
  },
  '/moten/:meetingId/protokoll/tillagg': {
    status: 'approved',
    form: () => ({ text: 'Rättelse' }),
    allowed: ['chair'],
  },
  // The owner agency (the member's) and those who run the meetings.
  '/atgarder/:actionId/status': {
    status: 'open',
    form: () => ({ status: 'in_progress' }),
    allowed: ['chair', 'coordinator', 'member'],
  },
  '/moten/:meetingId/bedomningar/:areaId': {
    status: 'open',
    form: () => ({ level: '1', trend: 'increasing', justification: 'Fler samlingar på kvällstid' }),
    allowed: ['chair', 'coordinator'],
  },
  '/moten/:meetingId/bedomningar': {
    status: 'open',
    form: () => ({}),
    allowed: ['chair', 'coordinator'],
  },
  '/team/:teamId/analyser': {
    status: 'planned',
    form: () => ({
      period: 'year',
      ar: '2026',
      conclusions: 'Slutsatser',
      priorities: 'Prioriteringar',
    }),
    allowed: ['coordinator'],
  },
  // Situation entries: every seat that speaks for an agency; observers only read.
  '/team/:teamId/poster': {
    status: 'planned',
    form: (ids) => ({
      idempotencyKey: crypto.randomUUID(),
      areaId: ids.areaId!,
      categoryId: ids.categoryId!,
      periodFrom: inDays(-7),
      periodTo: inDays(0),
      trend: 'unchanged',
      description: 'Nedskräpning vid busshållplatsen',
      scope: 'team',
    }),
    allowed: ['coordinator', 'chair', 'member'],
  },
  // The follow-up of a closed action is the owner agency's judgement; the chair confirms it at a meeting.
  '/atgarder/:actionId/uppfoljning': {
    status: 'closed',
    form: () => ({
      done: 'partly',
      effect: 'unchanged',
      reason: 'Genomfördes två av fyra kvällar',
    }),
    allowed: ['member'],
  },
  '/moten/:meetingId/uppfoljning/:actionId/bekrafta': {
    status: 'closed',
    form: () => ({}),
    allowed: ['chair'],
  },
  // The areas' outlines on the map: the coordinator's.
  '/team/:teamId/karta': {
    status: 'planned',
    form: (ids) => ({ geojson: lonLatAreas(['Området']), areaId: ids.areaId! }),
    allowed: ['coordinator'],
  },
  '/team/:teamId/karta/:areaId/ta-bort': {
    status: 'planned',
    form: () => ({}),
    allowed: ['coordinator'],
  },
  // Reports from outside: the reporter's agency's own people in the team, and the coordinator for team-wide ones.
  '/team/:teamId/rapporter/:reportId/ta-med': {
    status: 'planned',
    form: () => ({}),
    allowed: ['coordinator', 'member'],
  },
  '/team/:teamId/rapporter/:reportId/returnera': {
    status: 'planned',
    form: () => ({ reason: 'Gäller inte teamets områden' }),
    allowed: ['coordinator', 'member'],
  },
  // The reporters' seats: the coordinator's.
  '/team/:teamId/rapportorer': {
    status: 'planned',
    form: (ids) => ({ userId: ids.reporterCandidateId! }),
    allowed: ['coordinator'],
  },
  '/team/:teamId/rapportorer/:seatId/avsluta': {
    status: 'planned',
    form: () => ({}),
    allowed: ['coordinator'],
  },
  // Progress notes are the owner agency's own.
  '/atgarder/:actionId/anteckningar': {
    status: 'open',
    form: () => ({ text: 'Lägesrapport' }),
    allowed: ['member'],
  },
}

const writeRoutes = () =>
  s.ctx.app.routes
    .filter(
      (route) =>
        route.method === 'POST' &&
        (route.path.startsWith('/moten/') ||
          route.path.startsWith('/team/') ||
          route.path.startsWith('/atgarder/')),
    )
    .map((route) => route.path)

describe('the role matrix of meetings and actions', () => {
  it('has a rule for every write route', () => {
    expect(writeRoutes().filter((path) => !(path in matrix))).toEqual([])
  })

  for (const [path, rule] of Object.entries(matrix)) {
    it(`POST ${path}: allowed for ${rule.allowed.join(', ')}; refused for the rest`, async () => {
      for (const role of roles) {
        const ids = await fixture(rule.status)
        const url = path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? crypto.randomUUID())
        const status = (await s.t[role].client.post(url, rule.form(ids))).status
        if (rule.allowed.includes(role)) {
          expect(status, `${role} ${path}`).toBeLessThan(400)
        } else {
          // Outsiders cannot learn the meeting exists; members and observers cannot see a planned one.
          const hidden =
            role === 'outsider' ||
            (rule.status === 'planned' &&
              (role === 'member' || role === 'observer') &&
              path.startsWith('/moten/'))
          expect(status, `${role} ${path}`).toBe(hidden ? 404 : 403)
        }
      }
    })
  }
})
