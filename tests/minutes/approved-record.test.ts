import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { findBrokenMinutes } from '../../src/minutes/minutes-verify'
import { findSnapshot, renderSnapshot } from '../../src/minutes/minutes-snapshot'
import { aMeeting, letterMarker } from '../support/builders'
import { readPdf } from '../support/pdf-text'
import {
  aSituationTeam,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'
import { closeAndApprove } from '../support/minutes-steps'

let ctx: TestContext
let t: SituationTeam
let meetingId: string
let actionId: string
const marker = letterMarker()

/** The justerat protokoll as a reader gets it: the stored record's part of the page. */
async function recordPart(who: keyof SituationTeam['people']) {
  const response = await t.people[who].client.get(`/moten/${meetingId}/protokoll`)
  expect(response.status, who).toBe(200)
  const html = await response.text()
  const start = html.indexOf('<div class="minutes-record" lang="sv">')
  const end = html.indexOf('<section id="kontrollsumma"')
  expect(start, who).toBeGreaterThan(0)
  return { part: html.slice(start, end), html }
}

beforeAll(async () => {
  ctx = await createTestContext()
  t = await aSituationTeam(ctx.db, ctx.app)
  meetingId = await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: 0 })
  const chair = t.people.chair.client
  const page = `/moten/${meetingId}`
  await chair.submit(page, {}, { action: `${page}/oppna` })
  // Shared with the team, so counted with its events for everyone; then one kept to its own agency.
  for (const scope of ['team', 'own'])
    expect(
      (
        await reportEntry(
          t.people.social.client,
          t.team.id,
          entryForm(t, { scope, description: `Iakttagelse ${marker} ${letterMarker(4)}` }),
        )
      ).status,
    ).toBe(303)
  await chair.submit(
    page,
    {
      [`present-${t.agencies.safety.id}`]: true,
      [`present-${t.agencies.social.id}`]: true,
      [`present-${t.agencies.housing.id}`]: true,
    },
    { action: `${page}/narvaro` },
  )
  await chair.submit(page, { organisation: 'Räddningstjänsten' }, { action: `${page}/gaster` })
  await chair.submit(page, { userId: t.people.social.id }, { action: `${page}/justerare` })
  await chair.submit(
    page,
    { level: '2', trend: 'increasing', justification: 'Fler samlingar vid torget' },
    { action: `${page}/bedomningar/${t.area.id}` },
  )
  await chair.submit(
    page,
    { text: `Trygghetsvandring i centrum ${marker}` },
    { action: `${page}/beslut`, within: '#beslut' },
  )
  const decision = await ctx.db
    .selectFrom('decisions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow()
  expect(
    (
      await chair.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
        text: `Bostadsbolaget ser över belysningen ${marker}`,
        ownerAgencyId: t.agencies.housing.id,
        dueOn: inDays(14),
      })
    ).status,
  ).toBe(303)
  actionId = (
    await ctx.db
      .selectFrom('actions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
  ).id
  await closeAndApprove(meetingId, chair, [t.people.chair.client, t.people.social.client])
})
afterAll(async () => ctx?.destroy())

describe('the justerat protokoll', () => {
  it('is one stored text, byte for byte the same for every member, whatever happens afterwards', async () => {
    const readers = ['chair', 'social', 'police', 'housing', 'school', 'observer'] as const
    const before = await recordPart('chair')
    for (const who of readers) expect((await recordPart(who)).part, who).toBe(before.part)
    // In English too: the record is kept in the language it was approved in, and says so.
    const page = `/moten/${meetingId}/protokoll`
    await t.people.police.client.submit(page, { locale: 'en' }, { action: '/sprak' })
    const english = await recordPart('police')
    expect(english.part).toBe(before.part)
    expect(english.html).toContain('The approved minutes are kept in Swedish')
    await t.people.police.client.submit(page, { locale: 'sv' }, { action: '/sprak' })
    const housingName = (
      await ctx.db
        .selectFrom('agencies')
        .select('name')
        .where('id', '=', t.agencies.housing.id)
        .executeTakeFirstOrThrow()
    ).name
    for (const text of [
      housingName,
      'Gäst: Räddningstjänsten',
      `Trygghetsvandring i centrum ${marker}`,
      `Bostadsbolaget ser över belysningen ${marker}`,
      'Öppen',
      t.area.name,
      t.plain.name,
      'Fler samlingar vid torget',
    ])
      expect(before.part, text).toContain(text)
    // The team's picture: the shared entry with its 2 events; the own entry is not in the record.
    expect(before.part).toContain(
      `<td>${t.area.name}</td><td>${t.plain.name}</td><td>1</td><td>2</td>`,
    )
    expect(before.part).not.toContain('Iakttagelse') // never an entry's text

    // Afterwards: the action is done, the housing company's only member leaves, the area and the
    // category are renamed, and the justerare's account is disabled.
    const housing = t.people.housing.client
    expect(
      (
        await housing.submit(
          `/atgarder/${actionId}`,
          { status: 'done' },
          { action: `/atgarder/${actionId}/status` },
        )
      ).status,
    ).toBe(303)
    const admin = t.people.admin.client
    const adminTeam = `/admin/team/${t.team.id}`
    const membership = await ctx.db
      .selectFrom('team_memberships')
      .select('id')
      .where('team_id', '=', t.team.id)
      .where('user_id', '=', t.people.housing.id)
      .executeTakeFirstOrThrow()
    expect(
      (
        await admin.submit(
          adminTeam,
          {},
          { action: `${adminTeam}/medlemmar/${membership.id}/ta-bort` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await admin.submit(
          adminTeam,
          { name: `Nytt namn ${marker}` },
          { action: `${adminTeam}/omraden/${t.area.id}` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await admin.submit(
          adminTeam,
          { name: `Ny kategori ${marker}` },
          { action: `${adminTeam}/kategorier/${t.plain.id}` },
        )
      ).status,
    ).toBe(303)
    expect(
      (
        await admin.submit(
          `/admin/anvandare/${t.people.social.id}`,
          {},
          { action: `/admin/anvandare/${t.people.social.id}/inaktivera` },
        )
      ).status,
    ).toBe(303)

    const after = await recordPart('chair')
    expect(after.part).toBe(before.part)
    for (const who of ['police', 'school', 'observer'] as const)
      expect((await recordPart(who)).part, who).toBe(before.part)
    expect(after.part).not.toContain(`Nytt namn ${marker}`)
    // Today's state beside the record, marked as such, says what changed.
    const beside = after.html.slice(after.html.indexOf('Åtgärdernas läge i dag'))
    expect(beside).toContain('Klar')
  })

  it('shows its hash, which the audit chain holds, and renders again to the same bytes', async () => {
    const { part, html } = await recordPart('school')
    const stored = (await findSnapshot(ctx.db, meetingId))!
    const hash = createHash('sha256').update(stored.html).digest('hex')
    expect(stored.sha256).toBe(hash)
    expect(html).toContain(hash)
    expect(part).toBe(stored.html)
    expect(renderSnapshot(stored.snapshot)).toBe(stored.html)
    const approved = await ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'meeting.approved')
      .where('object_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(approved.details)).toMatchObject({ sha256: hash })
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
  })

  it('downloads as an archival PDF: the record, the hash on every page and in the metadata, fonts embedded', async () => {
    const response = await t.people.observer.client.get(`/moten/${meetingId}/protokoll.pdf`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="protokoll-\d{4}-\d\d-\d\d\.pdf"$/,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    const stored = (await findSnapshot(ctx.db, meetingId))!
    const pdf = await readPdf(bytes)
    const flat = pdf.text.replace(/\s+/g, ' ')
    for (const text of [
      stored.snapshot.title,
      `Trygghetsvandring i centrum ${marker}`,
      `Bostadsbolaget ser över belysningen ${marker}`,
      'Räddningstjänsten',
      'Fler samlingar vid torget',
      'Justerat av',
    ])
      expect(flat, text).toContain(text)
    pdf.pages.forEach((page, index) => {
      expect(page.replace(/\s+/g, ' ')).toContain(
        `Sida ${index + 1} av ${pdf.pages.length} · SHA-256 ${stored.sha256}`,
      )
    })
    expect(String(pdf.info.Subject)).toContain(stored.sha256)
    expect(pdf.info.Title).toBe(stored.snapshot.title)
    // PDF/A-2b: declared in XMP, an sRGB output intent, every font embedded (no standard 14 font).
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toContain('/OutputIntents')
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B</)
    expect(raw).toContain('/FontFile2')
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/)
    console.log(`minutes PDF: ${bytes.length} bytes, ${pdf.pages.length} page(s)`)
    // The same file every time: it is made from the record alone.
    const again = new Uint8Array(
      await (await t.people.chair.client.get(`/moten/${meetingId}/protokoll.pdf`)).arrayBuffer(),
    )
    expect(createHash('sha256').update(again).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    )
    expect((await t.people.outsider.client.get(`/moten/${meetingId}/protokoll.pdf`)).status).toBe(
      404,
    )
    expect((await t.people.former.client.get(`/moten/${meetingId}/protokoll.pdf`)).status).toBe(404)
  })

  it('cannot be changed in the database, nor its approvals and addenda', async () => {
    for (const statement of [
      sql`update minutes_snapshots set html = 'x' where meeting_id = ${meetingId}`,
      sql`delete from minutes_snapshots where meeting_id = ${meetingId}`,
      sql`update minutes_approvals set approved_at = 'x' where meeting_id = ${meetingId}`,
      sql`delete from minutes_approvals where meeting_id = ${meetingId}`,
    ])
      await expect(statement.execute(ctx.db)).rejects.toThrow(/cannot be changed/)
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
  })

  it('takes addenda after it, signed, dated and hashed into the chain; a changed addendum is found', async () => {
    const page = `/moten/${meetingId}/protokoll`
    const text = `Rättelse: vandringen flyttas en vecka ${marker}`
    expect(
      (await t.people.chair.client.submit(page, { text }, { action: `${page}/tillagg` })).status,
    ).toBe(303)
    const { part, html } = await recordPart('observer')
    expect(part).not.toContain(text)
    expect(html.indexOf(text)).toBeGreaterThan(html.indexOf('<section id="kontrollsumma"'))
    expect(await findBrokenMinutes(ctx.db)).toBeNull()
    // Past the triggers, as someone with the database's own password could: the chain notices.
    const [trigger] =
      ctx.kind === 'postgres' ? ['minutes_addenda_no_change'] : ['minutes_addenda_no_update']
    await sql
      .raw(
        ctx.kind === 'postgres'
          ? `alter table minutes_addenda disable trigger ${trigger}`
          : `drop trigger ${trigger}`,
      )
      .execute(ctx.db)
    await sql`update minutes_addenda set text = 'Ändrad i efterhand' where meeting_id = ${meetingId}`.execute(
      ctx.db,
    )
    expect(await findBrokenMinutes(ctx.db)).toEqual({ meetingId, reason: 'addendum' })
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/audit/verify-cli.ts'], {
      env: { PATH: process.env.PATH, ...ctx.databaseEnv },
      encoding: 'utf8',
    })
    expect(verify.status).toBe(1)
    expect(verify.stderr).toContain(`Det justerade protokollet för möte ${meetingId} stämmer inte`)
  })
})
