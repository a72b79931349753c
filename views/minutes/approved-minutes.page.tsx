import { raw } from 'hono/html'
import type { MeetingAccess } from '../../src/access/team-access'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDateTime } from '../../src/i18n/format'
import type { ApprovedMinutesData } from '../../src/minutes/minutes-data'
import type { MinutesDisposal } from '../../src/minutes/minutes-disposal'
import { ActionFacts } from '../actions/action-parts'
import { usePage } from '../page-context'
import { AddendaSection, MinutesFrame } from './minutes.page'

/**
 * The justerat protokoll: the stored record exactly as approved (the same bytes
 * for every reader), its hash and the archival PDF, the addenda after it, and
 * beside it — clearly apart — the state of its actions today.
 */
export const ApprovedMinutesPage = (props: {
  access: MeetingAccess
  data: ApprovedMinutesData
  addendum: { values: FormValues; errors: FieldErrors } | null
}) => {
  const { t, locale } = usePage()
  const { meeting, can } = props.access
  const { stored, addenda, actionsToday } = props.data
  return (
    <MinutesFrame access={props.access} aside={<ActionsToday actions={actionsToday} />}>
      {locale !== 'sv' ? <p class="notice no-print">{t('minutes.keptInSwedish')}</p> : null}
      {raw(stored.html)}
      <section id="kontrollsumma" class="minutes-section" aria-labelledby="m-hash">
        <h2 id="m-hash">{t('minutes.integrity')}</h2>
        <p>
          {t('minutes.storedAt', { date: formatDateTime(stored.createdAt, locale) })}{' '}
          {t('minutes.hashExplained')}
        </p>
        <p>
          SHA-256: <code class="hash">{stored.sha256}</code>
        </p>
        <p class="no-print">
          <a href={`/moten/${meeting.id}/protokoll.pdf`} download>
            {t('minutes.downloadPdf')}
          </a>
        </p>
        {can.releaseMinutes ? (
          <p class="no-print">
            <a href={`/moten/${meeting.id}/protokoll/utlamnande`}>{t('minutes.release.open')}</a>
          </p>
        ) : null}
      </section>
      <AddendaSection
        meetingId={meeting.id}
        addenda={addenda}
        canAdd={can.addAddendum}
        addendum={props.addendum}
      />
    </MinutesFrame>
  )
}

/** Beside the record, never in it: how the meeting's actions stand today. */
const ActionsToday = (props: { actions: ApprovedMinutesData['actionsToday'] }) => {
  const { t } = usePage()
  return (
    <aside class="card no-print" aria-labelledby="m-today">
      <h2 id="m-today">{t('minutes.actionsToday')}</h2>
      <p class="muted">{t('minutes.actionsTodayNote')}</p>
      {props.actions.length === 0 ? (
        <p class="muted">{t('minutes.noActionsDecided')}</p>
      ) : (
        <ul>
          {props.actions.map((action) => (
            <li>
              <a href={`/atgarder/${action.id}`}>{action.text}</a> – <ActionFacts action={action} />
            </li>
          ))}
        </ul>
      )}
    </aside>
  )
}

/** Approved minutes whose record gallring removed: when, and the checksum the record had. */
export const DisposedMinutesPage = (props: {
  access: MeetingAccess
  disposal: MinutesDisposal
}) => {
  const { t, locale } = usePage()
  const { disposal } = props
  return (
    <MinutesFrame access={props.access}>
      <section id="gallrat" class="minutes-section" aria-labelledby="m-disposed">
        <h1 id="m-disposed">{t('minutes.disposed.title')}</h1>
        <p>
          {t('minutes.disposed.text', {
            approved: formatDateTime(disposal.approvedAt, locale),
            disposed: formatDateTime(disposal.disposedAt, locale),
          })}
        </p>
        <p>
          SHA-256: <code class="hash">{disposal.sha256}</code>
        </p>
      </section>
    </MinutesFrame>
  )
}
