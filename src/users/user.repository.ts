import { sql } from 'kysely'
import type { Db, Trx } from '../db/connect'
import { fromFlag, newId, nowIso, toFlag } from '../db/ids'
import { prepared } from '../db/prepared'
import type { Viewer } from '../http/app-env'
import type { Locale } from '../i18n/t'
import type { UserRow, UserStatus } from './user.table'

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  return (
    (await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst()) ?? null
  )
}

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

const viewerColumns = [
  'users.id',
  'users.name',
  'users.email',
  'users.agency_id',
  'agencies.name as agency_name',
  'agencies.kind as agency_kind',
  'agencies.is_public_authority as agency_is_public_authority',
  'users.is_admin',
  'users.is_auditor',
  'users.is_log_reviewer',
  'users.is_agency_contact',
  'users.is_municipal_coordinator',
  'users.is_steering_group',
  'users.locale',
  'users.status',
] as const

type ViewerRow = {
  id: string
  name: string
  email: string
  agency_id: string
  agency_name: string
  agency_kind: Viewer['agencyKind']
  agency_is_public_authority: number
  is_admin: number
  is_auditor: number
  is_log_reviewer: number
  is_agency_contact: number
  is_municipal_coordinator: number
  is_steering_group: number
  locale: Locale
  status: UserStatus
}

function toViewer(row: ViewerRow | undefined): Viewer | null {
  if (!row || row.status !== 'active') return null
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    agencyKind: row.agency_kind,
    agencyIsPublicAuthority: fromFlag(row.agency_is_public_authority),
    isAdmin: fromFlag(row.is_admin),
    isAuditor: fromFlag(row.is_auditor),
    isLogReviewer: fromFlag(row.is_log_reviewer),
    isAgencyContact: fromFlag(row.is_agency_contact),
    isMunicipalCoordinator: fromFlag(row.is_municipal_coordinator),
    isSteeringGroup: fromFlag(row.is_steering_group),
    locale: row.locale,
  }
}

/** The active user behind a session, with their agency, or null when disabled or gone. */
export async function findViewer(db: Db, userId: string): Promise<Viewer | null> {
  return toViewer(
    await db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(viewerColumns)
      .where('users.id', '=', userId)
      .executeTakeFirst(),
  )
}

/** A session with its person, in the one query every request makes; the viewer is null when the user is not active. */
const sessionWithViewer = prepared((db, p: { sessionId: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(viewerColumns)
    .select([
      'sessions.id as session_id',
      'sessions.secret_hash',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.user_id',
    ])
    .where('sessions.id', '=', p.sessionId),
)

/** A session with its person, in the one query every request makes; the viewer is null when the user is not active. */
export async function findSessionWithViewer(db: Db, sessionId: string) {
  const [row] = await sessionWithViewer(db, { sessionId })
  if (!row) return null
  return {
    session: {
      id: row.session_id,
      user_id: row.user_id,
      secret_hash: row.secret_hash,
      csrf_token: row.csrf_token,
      last_seen_at: row.last_seen_at,
      expires_at: row.expires_at,
    },
    viewer: toViewer(row),
  }
}

/** What a list of people shows: never the password hash or anything else the list has no use for. */
const listColumns = [
  'id',
  'name',
  'email',
  'agency_id',
  'status',
  'is_admin',
  'is_auditor',
  'is_log_reviewer',
  'is_agency_contact',
  'is_municipal_coordinator',
  'is_steering_group',
] as const

export type UserListRow = Pick<UserRow, (typeof listColumns)[number]> & { agency_name: string }

export const userPageSize = 50

/**
 * One page of users, by name, optionally narrowed by a search in name, e-mail
 * and agency (case-insensitive, wildcards in the search are taken literally).
 */
export async function searchUsers(
  db: Db,
  search: { text: string; page: number },
): Promise<{ rows: UserListRow[]; total: number }> {
  const offset = (search.page - 1) * userPageSize
  if (!search.text) {
    // The admin's list as it opens: built once, the page taken from the name index first.
    const [rows, [count]] = await Promise.all([usersByName(db, { offset }), userCount(db, {})])
    return { rows, total: Number(count!.total) }
  }
  const pattern = `%${search.text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  const base = db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .where(({ or }) =>
      or([
        sql<boolean>`lower(users.name) like ${pattern} escape '\\'`,
        sql<boolean>`users.email like ${pattern} escape '\\'`,
        sql<boolean>`lower(agencies.name) like ${pattern} escape '\\'`,
      ]),
    )
  const [rows, count] = await Promise.all([
    base
      .select(listColumns.map((column) => `users.${column}` as const))
      .select('agencies.name as agency_name')
      .orderBy('users.name')
      .orderBy('users.id')
      .limit(userPageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

const usersByName = prepared((db, p: { offset: number }) =>
  db
    .selectFrom(
      db
        .selectFrom('users')
        .select(listColumns)
        .orderBy('name')
        .orderBy('id')
        .limit(userPageSize)
        .offset(p.offset)
        .as('users'),
    )
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(listColumns.map((column) => `users.${column}` as const))
    .select('agencies.name as agency_name')
    .orderBy('users.name')
    .orderBy('users.id'),
)

// Every user has an agency (a foreign key), so the count needs no join.
const userCount = prepared((db, _p: Record<string, never>) =>
  db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('total')),
)

export function listUsers(db: Db): Promise<UserListRow[]> {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(listColumns.map((column) => `users.${column}` as const))
    .select('agencies.name as agency_name')
    .orderBy('users.name')
    .execute()
}

export type NewUserInput = {
  email: string
  name: string
  agencyId: string
  status: UserStatus
  passwordHash?: string | null
  isAdmin?: boolean
  isAuditor?: boolean
  isLogReviewer?: boolean
  isAgencyContact?: boolean
  isMunicipalCoordinator?: boolean
  isSteeringGroup?: boolean
}

export async function createUser(db: Trx, input: NewUserInput): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('users')
    .values({
      id,
      email: normaliseEmail(input.email),
      name: input.name,
      agency_id: input.agencyId,
      status: input.status,
      password_hash: input.passwordHash ?? null,
      is_admin: toFlag(input.isAdmin ?? false),
      is_auditor: toFlag(input.isAuditor ?? false),
      is_log_reviewer: toFlag(input.isLogReviewer ?? false),
      is_agency_contact: toFlag(input.isAgencyContact ?? false),
      is_municipal_coordinator: toFlag(input.isMunicipalCoordinator ?? false),
      is_steering_group: toFlag(input.isSteeringGroup ?? false),
      locale: 'sv',
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

export type UserUpdateInput = {
  name: string
  agencyId: string
  isAdmin: boolean
  isAuditor: boolean
  isLogReviewer: boolean
  isAgencyContact: boolean
  isMunicipalCoordinator: boolean
  isSteeringGroup: boolean
}

export async function updateUser(db: Trx, id: string, input: UserUpdateInput): Promise<void> {
  await db
    .updateTable('users')
    .set({
      name: input.name,
      agency_id: input.agencyId,
      is_admin: toFlag(input.isAdmin),
      is_auditor: toFlag(input.isAuditor),
      is_log_reviewer: toFlag(input.isLogReviewer),
      is_agency_contact: toFlag(input.isAgencyContact),
      is_municipal_coordinator: toFlag(input.isMunicipalCoordinator),
      is_steering_group: toFlag(input.isSteeringGroup),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute()
}

export async function setUserStatus(db: Trx, id: string, status: UserStatus): Promise<void> {
  await db.updateTable('users').set({ status, updated_at: nowIso() }).where('id', '=', id).execute()
}

export async function activateUser(db: Trx, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ status: 'active', password_hash: passwordHash, updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

export async function setUserLocale(db: Trx, id: string, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', id).execute()
}

export async function hasAdmin(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('is_admin', '=', 1).executeTakeFirst()) !==
    undefined
  )
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('is_admin', '=', 1)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** The person's own choice of mail about meetings (calls, minutes to approve). */
export async function setMailChoices(
  db: Trx,
  id: string,
  choices: { notifications: boolean; digest: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      mail_notifications: choices.notifications ? 1 : 0,
      mail_digest: choices.digest ? 1 : 0,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute()
}
