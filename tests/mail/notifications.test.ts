import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAction } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { mailActionsDue } from '../../src/mail/actions-due'
import { mailTransport, sendDueMails } from '../../src/mail/sender'
import { aMeeting, aTeamWithRoles, letterMarker, type TeamWithRoles } from '../support/builders'
import { recipientOf, startSmtpServer, type LocalSmtp } from '../support/smtp'
import { inTransaction } from '../support/in-transaction'
import { createTestContext, type TestContext } from '../support/test-context'
import { inDays } from '../support/days'

// Mail about a meeting's course — the call, the minutes to approve — that carries no content.
let ctx: TestContext
let t: TeamWithRoles
let smtp: LocalSmtp
const marker = letterMarker()

beforeAll(async () => {
  smtp = await startSmtpServer()
  ctx = await createTestContext({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } })
  t = await aTeamWithRoles(ctx.db, ctx.app)
})
afterAll(async () => {
  await smtp?.close()
  await ctx?.destroy()
})

const deliver = async () => {
  const from = smtp.received.length
  await sendDueMails(
    { db: ctx.db, live: ctx.live },
    ctx.config.mail.from,
    mailTransport(ctx.config.mail, { info: () => {} }),
  )
  return smtp.received.slice(from)
}
const emailOf = async (userId: string) =>
  (
    await ctx.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
  ).email
const recipients = (mails: ParsedMail[]) => mails.map(recipientOf).sort()

describe('mail about a meeting', () => {
  it('sends the call to the team and the minutes to those who approve them, with no content', async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'planned', startsInDays: 3 })
    const page = `/moten/${meetingId}`
    expect((await t.coordinator.client.submit(page, {}, { action: `${page}/kalla` })).status).toBe(
      303,
    )
    const calls = await deliver()
    const team = await Promise.all(
      (['coordinator', 'chair', 'member', 'observer'] as const).map((role) => emailOf(t[role].id)),
    )
    expect(recipients(calls)).toEqual([...team].sort())
    expect(calls[0]!.subject).toMatch(/^Kallelse: /)
    expect(calls[0]!.text).toContain(`http://localhost${page}`)

    await t.chair.client.submit(page, {}, { action: `${page}/oppna` })
    await t.chair.client.submit(
      page,
      { [`present-${t.chair.agencyId}`]: true, [`present-${t.member.agencyId}`]: true },
      { action: `${page}/narvaro` },
    )
    await t.chair.client.submit(page, { userId: t.member.id }, { action: `${page}/justerare` })
    await t.chair.client.submit(
      page,
      { text: `Beslut om trygghetsvandring ${marker}` },
      { action: `${page}/beslut`, within: '#beslut' },
    )
    expect((await t.chair.client.submit(page, {}, { action: `${page}/stang` })).status).toBe(303)
    const approvals = await deliver()
    expect(recipients(approvals)).toEqual(
      [await emailOf(t.chair.id), await emailOf(t.member.id)].sort(),
    )
    expect(approvals[0]!.subject).toMatch(/^Protokoll att justera: /)
    for (const mail of [...calls, ...approvals]) expect(mail.text).not.toContain(marker)
  })

  it('is not sent to a person who turned it off under Inställningar', async () => {
    const off = await t.member.client.submit('/installningar', { mailNotifications: false })
    expect(off.status).toBe(303)
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'planned', startsInDays: 5 })
    const page = `/moten/${meetingId}`
    await t.coordinator.client.submit(page, {}, { action: `${page}/kalla` })
    const calls = await deliver()
    expect(recipients(calls)).not.toContain(await emailOf(t.member.id))
    expect(recipients(calls)).toContain(await emailOf(t.chair.id))
    const settings = await (await t.member.client.get('/installningar')).text()
    expect(settings).not.toMatch(/name="mailNotifications"[^>]*checked/)
  })

  it("tells each person once a day how many of their agency's actions fall due or are overdue, never which", async () => {
    const meetingId = await aMeeting(ctx.db, t.team.id, { status: 'open' })
    const actions: [string, number, 'open' | 'done'][] = [
      [`Ny belysning ${marker}`, -1, 'open'],
      [`Klottersanering ${marker}`, 2, 'open'],
      [`Trygghetsvandring ${marker}`, 10, 'open'],
      [`Avslutad ${marker}`, -5, 'done'],
    ]
    await inTransaction(ctx.db, async (trx) => {
      for (const [text, days, status] of actions) {
        const id = await createAction(trx, {
          teamId: t.team.id,
          meetingId,
          decisionId: await createDecision(trx, {
            meetingId,
            agendaItemId: null,
            text: `Beslut ${days}`,
            createdBy: t.chair.id,
          }),
          text,
          ownerAgencyId: t.chair.agencyId,
          ownerUserId: null,
          dueOn: inDays(days),
        })
        if (status === 'done')
          await trx.updateTable('actions').set({ status }).where('id', '=', id).execute()
      }
    })
    const deps = { db: ctx.db, live: ctx.live }
    expect(await mailActionsDue(deps, ctx.config.publicOrigin, 0)).toBe(1)
    const mails = await deliver()
    expect(recipients(mails)).toEqual([await emailOf(t.chair.id)])
    expect(mails[0]!.text).toContain('1 förfaller inom tre dagar och 1 är försenade')
    expect(mails[0]!.text).toContain('http://localhost/atgarder')
    expect(mails[0]!.text).not.toContain(marker)
    // Once a day.
    expect(await mailActionsDue(deps, ctx.config.publicOrigin, 0)).toBe(0)
  })
})
