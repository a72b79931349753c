import type { FieldErrors, FormValues } from '../../src/http/forms'
import type { MembershipListRow } from '../../src/teams/team.repository'
import type { TeamRow } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'
import { MembersSection } from './members-section'

/** The coordinator's page for the team's members (the admin keeps accounts and agencies). */
export const TeamMembersPage = (props: {
  team: TeamRow
  memberships: MembershipListRow[]
  candidates: { id: string; name: string; agency_name: string }[]
  forms: Record<string, { values: FormValues; errors: FieldErrors }>
  today: string
  self: string
}) => {
  const { t } = usePage()
  const failed = Object.keys(props.forms).find(
    (key) => Object.keys(props.forms[key]!.errors).length > 0,
  )
  return (
    <Page title={`${t('members.title')} – ${props.team.name}`}>
      <p class="eyebrow">
        <a href={`/team/${props.team.id}`}>{props.team.name}</a>
      </p>
      <h1>{t('members.title')}</h1>
      <p>{t('members.intro')}</p>
      <ErrorSummary
        errors={failed ? props.forms[failed]!.errors : {}}
        labels={{
          userId: t('membership.user'),
          role: t('membership.role'),
          endsOn: t('membership.endsOn'),
        }}
        idPrefix={failed ?? 'f'}
      />
      <MembersSection
        base={`/team/${props.team.id}`}
        memberships={props.memberships}
        candidates={props.candidates}
        forms={props.forms}
        today={props.today}
        self={props.self}
      />
    </Page>
  )
}
