import type { FieldErrors } from '../../http/forms'
import type { AppDeps, Viewer } from '../../http/app-env'
import type { Translate } from '../../i18n/t'
import { personalDataErrors } from '../../personal-data/form-check'
import type { Confirmation } from '../../personal-data/singling-out'
import { listLegalBases } from '../../sharing/legal-basis.repository'
import type { LegalBasis } from '../../sharing/legal-basis.table'
import { proposeBases, refusedRecipients } from '../../sharing/sharing-guide'
import {
  listAreas,
  listCategories,
  listTeamAgencies,
  type TeamAgencyRow,
} from '../../teams/team.repository'
import type { AreaRow, CategoryRow } from '../../teams/team.table'
import { entrySchema, readGuideAnswers, type EntryFormData } from './entry-form'
import { defaultAudience, wideningTo, type Audience } from './widening'

/** What the entry form offers in a team: its areas, categories, the other agencies and the legal-basis catalogue. */
export type EntryFormOptions = {
  areas: AreaRow[]
  categories: CategoryRow[]
  /** The team's agencies other than the viewer's, observers left out: who can be named as recipients. */
  recipients: TeamAgencyRow[]
  teamAgencies: TeamAgencyRow[]
  catalogue: LegalBasis[]
}

/** What every entry form of a team offers: the same for all its members until one of these kinds changes. */
const formOptionKinds = [
  'team',
  'area',
  'category',
  'team_membership',
  'user',
  'agency',
  'legal_basis',
]

export async function loadEntryFormOptions(
  deps: Pick<AppDeps, 'db' | 'changeCache'>,
  teamId: string,
  viewer: Viewer,
  today: string,
): Promise<EntryFormOptions> {
  const { db, changeCache } = deps
  const [areas, categories, teamAgencies, catalogue] = await changeCache.get(
    `entry-form:${teamId}:${today}`,
    formOptionKinds,
    () =>
      Promise.all([
        listAreas(db, teamId),
        listCategories(db, teamId),
        // Agencies seated only as observers read stubs whatever the scope: never recipients.
        listTeamAgencies(db, teamId, today, true),
        listLegalBases(db),
      ]),
  )
  return {
    areas: areas.filter((a) => a.retired_at === null),
    categories: categories.filter((c) => c.retired_at === null),
    recipients: teamAgencies.filter((a) => a.id !== viewer.agencyId),
    teamAgencies,
    catalogue,
  }
}

export type EntryCheck = {
  errors: FieldErrors
  /** The agencies the entry would reach further than before; non-empty means a legal basis is needed. */
  reached: string[]
  /** The bases the guide proposes for the answers given; null while the guide is unanswered. */
  proposed: LegalBasis[] | null
  basis: LegalBasis | null
  /** Details the author confirmed to the personal-data check, for the commit to audit. */
  confirmed: Confirmation[]
}

/**
 * Everything the server checks before an entry is saved, beyond the form's
 * shape: the area and category are the team's, the recipients are agencies in
 * the team, the text holds no personal data, and a widening has a legal basis
 * the guide proposed that allows every recipient. `before` is the entry's
 * audience until now (for a new entry: the category's default).
 */
export async function checkEntry(
  t: Translate,
  deps: Pick<AppDeps, 'db' | 'changeCache'>,
  teamId: string,
  viewer: Viewer,
  options: EntryFormOptions,
  data: EntryFormData,
  values: Record<string, string>,
  before: Audience | null,
  today: string,
): Promise<EntryCheck> {
  const errors: FieldErrors = {}
  const category = options.categories.find((c) => c.id === data.categoryId)
  if (!options.areas.some((a) => a.id === data.areaId)) errors.areaId = 'error.choice'
  if (!category) errors.categoryId = 'error.choice'
  if (data.periodTo > today) errors.periodTo = 'situation.error.periodInFuture'
  const recipientIds = data.scope === 'team' ? [] : data.recipients
  const recipients = recipientIds.map((id) => options.recipients.find((a) => a.id === id))
  if (recipients.some((r) => r === undefined))
    errors.recipients = 'situation.error.recipientOutsideTeam'
  const found = await personalDataErrors(
    t,
    deps,
    { teamId, viewer, raw: values },
    data,
    entrySchema,
  )
  Object.assign(errors, found.errors)

  const answers = readGuideAnswers(values)
  const proposed = answers
    ? proposeBases(options.catalogue, answers, viewer.agencyKind, today)
    : null
  const { confirmed } = found
  if (!category || errors.recipients)
    return { errors, reached: [], proposed, basis: null, confirmed }

  const teamAgencies = options.teamAgencies.map((a) => ({
    id: a.id,
    isPublicAuthority: a.is_public_authority === 1,
  }))
  const after: Audience = {
    scope: data.scope,
    recipientAgencyIds: recipientIds,
    basisAllowsPrivateRecipients: true,
  }
  const reached = wideningTo(
    viewer.agencyId,
    teamAgencies,
    before ?? defaultAudience(category.default_scope),
    after,
  )
  if (reached.length === 0) return { errors, reached, proposed, basis: null, confirmed }

  const basis = proposed?.find((b) => b.id === data.legalBasisId) ?? null
  if (!data.legalBasisId) errors.legalBasisId = 'situation.error.basisRequired'
  else if (!basis) errors.legalBasisId = 'situation.error.basisNotProposed'
  else {
    // Under `team` everyone newly reached receives it; otherwise the named recipients.
    const receiving = (data.scope === 'team' ? reached : recipientIds).map((id) =>
      options.teamAgencies.find((a) => a.id === id)!,
    )
    const refused = refusedRecipients(
      basis,
      receiving.map((a) => ({
        id: a.id,
        kind: a.kind,
        isPublicAuthority: a.is_public_authority === 1,
      })),
    )
    if (refused.length > 0) {
      errors.recipients = {
        key: 'situation.error.recipientRefused',
        params: {
          agencies: refused.map((r) => receiving.find((a) => a.id === r.id)!.name).join(', '),
          basis: basis.title,
        },
      }
    }
  }
  return { errors, reached, proposed, basis, confirmed }
}
