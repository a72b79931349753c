import { createHash } from 'node:crypto'
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { anArea, aUser, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { inDays } from '../support/days'
import { optionByLabel } from '../support/form'
import { inTransaction } from '../support/in-transaction'
import { readPdf } from '../support/pdf-text'
import { sql } from 'kysely'
import { checkRecords } from '../../src/audit/verify-records'
import { createCategory } from '../../src/teams/team.repository'
import { usingPostgres } from '../support/test-context'
import { generatedCoordinationNumber } from '../support/generated-numbers'

const s = useTeamWithRoles()

const signedIn = async (user: { email: string; password: string }) => {
  const client = new TestClient(s.ctx.app)
  await client.login(user.email, user.password)
  return client
}

/** The admin grants a person an installation role by ticking its box on the person's page. */
async function grant(admin: TestClient, userId: string, box: string) {
  const response = await admin.submit(
    `/admin/anvandare/${userId}`,
    { [box]: true },
    { action: `/admin/anvandare/${userId}` },
  )
  expect(response.status).toBe(303)
}

async function saveEntry(categoryId: string, areaId: string, eventCount: string) {
  const response = await s.t.member.client.submit(
    `/team/${s.t.team.id}/poster/ny`,
    {
      idempotencyKey: crypto.randomUUID(),
      areaId,
      categoryId,
      periodFrom: inDays(-2),
      periodTo: inDays(0),
      eventCount,
      trend: 'increasing',
      description: 'Klotter på fasaden vid busshållplatsen',
      scope: 'team',
    },
    { action: `/team/${s.t.team.id}/poster` },
  )
  expect(response.status).toBe(303)
}

const auditActions = async (objectId: string) =>
  (
    await s.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('object_id', '=', objectId)
      .orderBy('seq')
      .execute()
  ).map((row) => ({ action: row.action, details: JSON.parse(row.details) }))

describe('the yearly lägesbild and åtgärdsplan', () => {
  it('is drafted by the coordinating function from the teams’ aggregates, approved by the steering group and frozen', async () => {
    const area = await anArea(s.ctx.db, s.t.team.id, 'Torget')
    const [plain, sensitive] = await inTransaction(s.ctx.db, async (trx) => [
      await createCategory(trx, s.t.team.id, {
        name: 'Sprayfärg på torget',
        isSensitive: false,
        defaultScope: 'team',
      }),
      await createCategory(trx, s.t.team.id, {
        name: 'Oro för radikalisering',
        isSensitive: true,
        defaultScope: 'team',
      }),
    ])
    s.ctx.live.contentChanged(['area', 'category'])
    for (const events of ['2', '3', '4']) await saveEntry(plain, area.id, events)
    for (const events of ['1', '1']) await saveEntry(sensitive, area.id, events)
    const { week } = await s.ctx.db
      .selectFrom('situation_entries')
      .select('week')
      .where('category_id', '=', plain)
      .executeTakeFirstOrThrow()
    const year = Number(week.slice(0, 4))

    // An empty installation's admin seats the coordinating function and the steering group.
    const admin = await signedIn(await aUser(s.ctx.db, { isAdmin: true }))
    const coordinatorUser = await aUser(s.ctx.db, { name: 'Sam Samordnare' })
    const steeringUser = await aUser(s.ctx.db, { name: 'Stina Styrgrupp' })
    await grant(admin, coordinatorUser.id, 'isMunicipalCoordinator')
    await grant(admin, steeringUser.id, 'isSteeringGroup')
    const coordinator = await signedIn(coordinatorUser)
    const steering = await signedIn(steeringUser)
    expect(await (await coordinator.get('/')).text()).toContain('href="/arsrapport"')

    // A year before the law is refused, with the form kept.
    const early = await coordinator.submit(
      '/arsrapport',
      { year: '2019' },
      { action: '/arsrapport' },
    )
    expect(early.status).toBe(422)
    const earlyHtml = await early.text()
    expect(earlyHtml).toContain('Ange ett år från 2023 och framåt.')
    expect(earlyHtml).toContain('value="2019"')
    const started = await coordinator.submit(
      '/arsrapport',
      { year: String(year) },
      { action: '/arsrapport' },
    )
    expect(started.status).toBe(303)
    const page = `/arsrapport/${year}`
    expect(started.headers.get('location')).toBe(page)

    // The picture: the cells' totals over the year, the sensitive pair as "<3", no text of any entry.
    const draftHtml = await (await coordinator.get(page)).text()
    expect(draftHtml).not.toContain('Klotter på fasaden')
    const rows = parse(draftHtml)
      .querySelectorAll('#d-picture ~ div table tbody tr')
      .map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()))
    const cells = await s.ctx.db
      .selectFrom('situation_cells')
      .select((eb) => [
        eb.fn.sum<number>('shared_entries').as('entries'),
        eb.fn.sum<number>('events').as('events'),
      ])
      .where('week', '>=', `${year}-W01`)
      .where('week', '<=', `${year}-W53`)
      .where('category_id', '=', plain)
      .executeTakeFirstOrThrow()
    const plainRow = rows.find((row) => row[2] === 'Sprayfärg på torget')!
    expect(plainRow.slice(0, 2)).toEqual([expect.any(String), 'Torget'])
    expect(Number(plainRow[3])).toBe(Number(cells.entries))
    expect(Number(plainRow[4])).toBe(Number(cells.events))
    expect(Number(plainRow[3])).toBe(3)
    expect(rows.find((row) => row[2] === 'Oro för radikalisering')!.slice(3)).toEqual(['<3', '–'])

    // A problem: the cell chosen by its label; a cause naming a person is stopped, typed text kept.
    const areaId = optionByLabel(draftHtml, 'areaId', 'Torget')
    const categoryId = optionByLabel(draftHtml, 'categoryId', 'Sprayfärg på torget')
    const number = generatedCoordinationNumber('070263456')
    const named = await coordinator.submit(
      page,
      { areaId, categoryId, cause: `Gäller ${number} som bor vid torget` },
      { action: `${page}/problem` },
    )
    expect(named.status).toBe(422)
    const namedHtml = await named.text()
    expect(namedHtml).toContain('personnummer')
    expect(namedHtml).toContain(`Gäller ${number} som bor vid torget`)
    const problem = await coordinator.submit(
      page,
      { areaId, categoryId, cause: 'Få vuxna ute på kvällarna och dålig belysning' },
      { action: `${page}/problem` },
    )
    expect(problem.status).toBe(303)
    const planned = await coordinator.submit(
      page,
      {
        cause: 'Dålig belysning',
        action: 'Ny belysning runt torget',
        goal: 'Hälften så många anmälningar om skadegörelse',
        timing: 'Kvartal 1–2',
        agencyId: s.t.member.agencyId,
      },
      { action: `${page}/plan` },
    )
    expect(planned.status).toBe(303)
    expect(
      (
        await coordinator.submit(
          page,
          { summary: 'Skadegörelsen ökade kring torget under hösten.' },
          { action: `${page}/sammanfattning` },
        )
      ).status,
    ).toBe(303)

    // The steering group reads the draft without its forms, and approves it.
    const steeringHtml = await (await steering.get(page)).text()
    expect(steeringHtml).toContain('Ny belysning runt torget')
    expect(steeringHtml).not.toContain(`action="${page}/plan"`)
    expect(
      (await steering.post(`${page}/plan`, { cause: 'x', action: 'x', goal: 'x', timing: 'x' }))
        .status,
    ).toBe(403)
    expect((await coordinator.post(`${page}/faststall`, {})).status).toBe(403)
    const approved = await steering.submit(page, {}, { action: `${page}/faststall` })
    expect(approved.status).toBe(303)

    // Frozen: the stored HTML is what its hash says, the audit event names the hash.
    const report = await s.ctx.db
      .selectFrom('yearly_reports')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirstOrThrow()
    expect(createHash('sha256').update(report.html!, 'utf8').digest('hex')).toBe(report.sha256)
    const events = await auditActions(report.id)
    expect(events.map((e) => e.action)).toEqual([
      'yearly.create',
      'yearly.problem.add',
      'yearly.plan.add',
      'yearly.summary',
      'yearly.approved',
    ])
    expect(events.at(-1)!.details.sha256).toBe(report.sha256)
    const frozenHtml = await (await coordinator.get(page)).text()
    expect(frozenHtml).toContain(report.html!)
    expect(frozenHtml).toContain('Fastställd av Stina Styrgrupp')
    expect(frozenHtml).not.toContain(`action="${page}/problem"`)
    // New cells after approval change nothing of the record.
    await saveEntry(plain, area.id, '9')
    expect(await (await steering.get(page)).text()).toContain(report.html!)
    // Nothing can be added to an approved report.
    const late = await coordinator.post(`${page}/plan`, {
      cause: 'Sent',
      action: 'Sent',
      goal: 'Sent',
      timing: 'Sent',
      agencyId: s.t.member.agencyId,
    })
    expect(late.status).toBe(409)

    // Printable, as PDF and as CSV; each export audited and logged.
    expect((await steering.get(`${page}/utskrift`)).status).toBe(200)
    const pdf = await steering.get(`${page}/pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const pdfText = (await readPdf(new Uint8Array(await pdf.arrayBuffer()))).text.replace(
      /\s+/g,
      ' ',
    )
    expect(pdfText).toContain('Ny belysning runt torget')
    expect(pdfText).toContain(report.sha256!)
    const csvBytes = Buffer.from(
      await (await steering.get(`${page}/atgardsplan.csv`)).arrayBuffer(),
    )
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = csvBytes.toString('utf8')
    expect(csv).toContain('Dålig belysning;Ny belysning runt torget;')
    const pictureCsv = await (await steering.get(`${page}/lagesbild.csv`)).text()
    expect(pictureCsv).toContain('Torget;Oro för radikalisering;<3;–')
    expect((await steering.get(`${page}/okand.csv`)).status).toBe(404)
    expect(
      (await auditActions(report.id)).filter((e) => e.action === 'yearly.export'),
    ).toHaveLength(3)

    // Next year's report follows this year's plan up, row by row.
    const next = `/arsrapport/${year + 1}`
    await coordinator.submit('/arsrapport', { year: String(year + 1) }, { action: '/arsrapport' })
    const nextHtml = await (await coordinator.get(next)).text()
    const rowId = (
      await s.ctx.db
        .selectFrom('yearly_plan_rows')
        .select('id')
        .where('report_id', '=', report.id)
        .executeTakeFirstOrThrow()
    ).id
    expect(nextHtml).toContain(`action="${next}/uppfoljning/${rowId}"`)
    const followed = await coordinator.submitOn(
      nextHtml,
      next,
      { done: 'partly', effect: 'better', note: 'Belysningen kom på plats i maj' },
      { action: `${next}/uppfoljning/${rowId}` },
    )
    expect(followed.status).toBe(303)
    expect(await (await coordinator.get(next)).text()).toContain('Belysningen kom på plats i maj')
  })

  it('is frozen in the database once approved, and the records check names a tampered one', async () => {
    const year = 2024
    const steering = await aUser(s.ctx.db, { isSteeringGroup: true })
    const coordinatorUser = await aUser(s.ctx.db, { isMunicipalCoordinator: true })
    const coordinator = await signedIn(coordinatorUser)
    await coordinator.submit('/arsrapport', { year: String(year) }, { action: '/arsrapport' })
    await (
      await signedIn(steering)
    ).submit(
      `/arsrapport/${year}`,
      {},
      {
        action: `/arsrapport/${year}/faststall`,
      },
    )
    const report = await s.ctx.db
      .selectFrom('yearly_reports')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirstOrThrow()
    expect(report.approved_at).not.toBeNull()
    await expect(
      s.ctx.db
        .updateTable('yearly_reports')
        .set({ summary: 'Ändrad' })
        .where('id', '=', report.id)
        .execute(),
    ).rejects.toThrow(/cannot be changed/)
    await expect(
      s.ctx.db.deleteFrom('yearly_reports').where('id', '=', report.id).execute(),
    ).rejects.toThrow(/cannot be changed/)
    await expect(
      s.ctx.db
        .insertInto('yearly_plan_rows')
        .values({
          id: crypto.randomUUID(),
          report_id: report.id,
          cause: 'Efteråt',
          action: 'Efteråt',
          goal: 'Efteråt',
          timing: 'Efteråt',
          agency_id: s.t.member.agencyId,
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow(/cannot be changed/)
    expect((await checkRecords(s.ctx.db)).brokenYearly).toBeNull()

    // Someone with the database's own keys goes around the trigger: the check finds it.
    if (usingPostgres())
      await sql
        .raw('alter table yearly_reports disable trigger yearly_reports_no_change')
        .execute(s.ctx.db)
    else await sql.raw('drop trigger yearly_reports_no_update').execute(s.ctx.db)
    await s.ctx.db
      .updateTable('yearly_reports')
      .set({ html: report.html!.replace('Lägesbild', 'Lägesbi1d') })
      .where('id', '=', report.id)
      .execute()
    expect((await checkRecords(s.ctx.db)).brokenYearly).toEqual({ year, reason: 'html' })
    await s.ctx.db
      .updateTable('yearly_reports')
      .set({ html: report.html, data: report.data!.replace('"summary":""', '"summary":"x"') })
      .where('id', '=', report.id)
      .execute()
    expect((await checkRecords(s.ctx.db)).brokenYearly).toEqual({ year, reason: 'render' })
    await s.ctx.db
      .updateTable('yearly_reports')
      .set({ data: report.data })
      .where('id', '=', report.id)
      .execute()
    expect((await checkRecords(s.ctx.db)).brokenYearly).toBeNull()
  })

  it('is started once when two start the same year at the same moment', async () => {
    const coordinator = await signedIn(await aUser(s.ctx.db, { isMunicipalCoordinator: true }))
    const html = await (await coordinator.get('/arsrapport')).text()
    const statuses = await Promise.all(
      [1, 2].map(() =>
        coordinator.submitOn(html, '/arsrapport', { year: '2025' }, { action: '/arsrapport' }),
      ),
    )
    expect(statuses.map((r) => r.status).sort()).toEqual([303, 422])
  })

  it('is refused to everyone else, by guessed address too', async () => {
    const auditor = await signedIn(await aUser(s.ctx.db, { isAuditor: true }))
    const admin = await signedIn(await aUser(s.ctx.db, { isAdmin: true }))
    for (const client of [
      s.t.coordinator.client,
      s.t.chair.client,
      s.t.member.client,
      auditor,
      admin,
    ]) {
      for (const path of [
        '/arsrapport',
        '/arsrapport/2026',
        '/arsrapport/2026/pdf',
        '/arsrapport/2026/lagesbild.csv',
      ])
        expect((await client.get(path)).status, path).toBe(403)
      expect((await client.post('/arsrapport', { year: '2030' })).status).toBe(403)
    }
    expect(await (await s.t.member.client.get('/')).text()).not.toContain('href="/arsrapport"')
    const coordinatorUser = await aUser(s.ctx.db)
    await grant(admin, coordinatorUser.id, 'isMunicipalCoordinator')
    const coordinator = await signedIn(coordinatorUser)
    for (const path of ['/arsrapport/1999', '/arsrapport/abc', '/arsrapport/2031/pdf'])
      expect((await coordinator.get(path)).status, path).toBe(404)
  })
})
