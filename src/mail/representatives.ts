import { commitAs, type ChangeRecord, type Committer } from '../changes/commit'
import type { Trx } from '../db/connect'
import { addDaysToDay, localDayAndTime } from '../i18n/format'
import { queueMail } from './outbox'

/** The team's coordinators hear when an agency's contact names or ends a representative. */
export async function mailRepresentativesChanged(
  trx: Trx,
  change: ChangeRecord,
  what: { teamId: string; teamName: string; agencyName: string; publicOrigin: string },
): Promise<void> {
  const today = localDayAndTime(new Date().toISOString()).day
  const coordinators = await trx
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.locale'])
    .where('m.team_id', '=', what.teamId)
    .where('m.role', '=', 'coordinator')
    .where('u.status', '=', 'active')
    .where('u.mail_notifications', '=', 1)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', today)]))
    .execute()
  for (const person of coordinators)
    await queueMail(trx, change, {
      to: person.email,
      userId: person.id,
      locale: person.locale,
      template: 'representatives_changed',
      params: {
        team: what.teamName,
        agency: what.agencyName,
        link: `${what.publicOrigin}/team/${what.teamId}/medlemmar`,
      },
    })
}

/** How long before a seat's last day its agency's contacts hear of it. */
export const mandateNoticeDays = 14

/**
 * Once a day: seats whose last day is within two weeks, told to their
 * agency's contacts — one mail per agency per run, each seat once per last
 * day (a new last day is told again). Counts and a link, nothing else.
 */
export async function mailMandatesEnding(deps: Committer, publicOrigin: string, now = new Date()) {
  const today = localDayAndTime(now.toISOString()).day
  const until = addDaysToDay(today, mandateNoticeDays)
  const seats = await deps.db
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.ends_on', 'u.agency_id'])
    .where('m.ends_on', '>=', today)
    .where('m.ends_on', '<=', until)
    .where((eb) =>
      eb.or([
        eb('m.end_reminded_for', 'is', null),
        eb('m.end_reminded_for', '!=', eb.ref('m.ends_on')),
      ]),
    )
    .execute()
  if (seats.length === 0) return 0
  const byAgency = new Map<string, typeof seats>()
  for (const seat of seats)
    byAgency.set(seat.agency_id, [...(byAgency.get(seat.agency_id) ?? []), seat])
  const contacts = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'agency_id'])
    .where('is_agency_contact', '=', 1)
    .where('status', '=', 'active')
    .where('agency_id', 'in', [...byAgency.keys()])
    .execute()
  await commitAs(deps, { userId: null, agencyId: null }, async (trx, change) => {
    for (const [agencyId, agencySeats] of byAgency) {
      for (const contact of contacts.filter((one) => one.agency_id === agencyId))
        await queueMail(trx, change, {
          to: contact.email,
          userId: contact.id,
          locale: contact.locale,
          template: 'mandates_ending',
          params: { count: String(agencySeats.length), link: `${publicOrigin}/aktor` },
        })
      for (const seat of agencySeats)
        await trx
          .updateTable('team_memberships')
          .set({ end_reminded_for: seat.ends_on })
          .where('id', '=', seat.id)
          .execute()
    }
    change.nothingChanged()
  })
  return byAgency.size
}
