import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAction } from '../../src/actions/action.repository'
import { createDecision } from '../../src/decisions/decision.repository'
import { stockholmDayStart, todayInStockholm } from '../../src/i18n/format'
import { mailTransport, sendDueMails } from '../../src/mail/sender'
import { mailWeeklyDigests } from '../../src/mail/weekly-digest'
import { aMeeting, aTeamWithRoles, letterMarker, type TeamWithRoles } from '../support/builders'
import { inDays } from '../support/days'
import { inTransaction } from '../support/in-transaction'
import { recipientOf, startSmtpServer, type LocalSmtp } from '../support/smtp'
import { createTestContext, type TestContext } from '../support/test-context'

// The weekly digest, chosen under Inställningar: counts and a link on Monday mornings, through a real SMTP server.
let ctx: TestContext
let smtp: LocalSmtp
let t: TeamWithRoles
const marker = letterMarker()

beforeAll(async () => {
  smtp = await startSmtpServer()
  ctx = await createTestContext({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'laget@exempel.se' },
  })
  t = await aTeamWithRoles(ctx.db, ctx.app)
})
afterAll(async () => {
  await smtp?.close()
  await ctx?.destroy()
})

/** Days from today (Stockholm) to the coming Monday: 1–7. */
const toMonday = (() => {
  const weekday = new Date(`${todayInStockholm()}T12:00:00Z`).getUTCDay()
  return (8 - weekday) % 7 || 7
})()
const mondayMorning = new Date(Date.parse(stockholmDayStart(inDays(toMonday))) + 8 * 3600_000)

describe('the weekly digest', () => {
  it('goes on Monday morning to those who chose it: meetings, their agency’s actions and minutes to approve, as counts', async () => {
    const chose = await t.member.client.submit(
      '/installningar',
      { mailDigest: true, mailNotifications: true },
      { action: '/installningar' },
    )
    expect(chose.status).toBe(303)
    // The week ahead: a called meeting on Tuesday, an action due on Wednesday, one overdue, minutes to approve.
    await aMeeting(ctx.db, t.team.id, { status: 'called', startsInDays: toMonday + 1 })
    const closed = await aMeeting(ctx.db, t.team.id, { status: 'open', startsInDays: 0 })
    await ctx.db
      .updateTable('meetings')
      .set({ status: 'closed', minute_checker_user_id: t.member.id })
      .where('id', '=', closed)
      .execute()
    await inTransaction(ctx.db, async (trx) => {
      for (const days of [toMonday + 2, toMonday - 1, toMonday + 20]) {
        await createAction(trx, {
          teamId: t.team.id,
          meetingId: closed,
          decisionId: await createDecision(trx, {
            meetingId: closed,
            agendaItemId: null,
            text: `Beslut ${marker}`,
            createdBy: t.chair.id,
          }),
          text: `Åtgärd ${marker}`,
          ownerAgencyId: t.member.agencyId,
          ownerUserId: null,
          dueOn: inDays(days),
        })
      }
    })
    const deps = { db: ctx.db, live: ctx.live }
    // Not on other days, nor before seven.
    expect(
      await mailWeeklyDigests(
        deps,
        ctx.config.publicOrigin,
        new Date(mondayMorning.getTime() - 86_400_000),
      ),
    ).toBe(0)
    expect(
      await mailWeeklyDigests(
        deps,
        ctx.config.publicOrigin,
        new Date(mondayMorning.getTime() - 3 * 3600_000),
      ),
    ).toBe(0)
    expect(await mailWeeklyDigests(deps, ctx.config.publicOrigin, mondayMorning)).toBe(1)
    expect(await mailWeeklyDigests(deps, ctx.config.publicOrigin, mondayMorning)).toBe(0)

    await sendDueMails(
      deps,
      ctx.config.mail.from,
      mailTransport(ctx.config.mail, { info: () => {} }),
    )
    const mails = smtp.received.filter((mail) => mail.subject === 'Veckan i Läget')
    expect(mails).toHaveLength(1)
    const email = await ctx.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', t.member.id)
      .executeTakeFirstOrThrow()
    expect(recipientOf(mails[0]!)).toBe(email.email)
    expect(mails[0]!.text).toContain(
      '1 möten, 1 av din aktörs åtgärder förfaller och 1 är försenade, 1 protokoll väntar på din justering',
    )
    expect(mails[0]!.text).not.toContain(marker)
  })
})
