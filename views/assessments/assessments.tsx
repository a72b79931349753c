import { levelTone } from '../../src/assessments/scale'
import type { AreaAssessmentRow } from '../../src/assessments/assessment.table'
import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatWeekKey } from '../../src/i18n/format'
import type { MeetingSituationData } from '../../src/situation/meeting-situation'
import { trends } from '../../src/situation/situation-entry.table'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, SelectField, TextField } from '../components/form-field'
import { usePage } from '../page-context'

/** A level in colour and words: the colour is never the only carrier. */
export const Level = (props: { level: number; scale: string[] }) => (
  <span class={`level level--${levelTone(props.level, props.scale.length)}`}>
    {props.scale[props.level] ?? '?'}
  </span>
)

export type AssessmentFormState = { areaId: string; values: FormValues; errors: FieldErrors }

/**
 * Each area's level, trend and justification for this meeting, the previous
 * assessment beside it. The chair sets them one area at a time, or confirms
 * every area not yet assessed as unchanged in one action.
 */
export const AssessmentsPart = (props: {
  meetingId: string
  data: MeetingSituationData['assessments']
  failed: AssessmentFormState | null
}) => {
  const { t } = usePage()
  const { areas } = props.data
  return (
    <div id="bedomning">
      <h3>{t('assessment.title')}</h3>
      {areas.length === 0 ? <p class="muted">{t('assessment.noAreas')}</p> : null}
      <ul class="assessment-list">
        {areas.map((area) => (
          <AssessmentItem
            meetingId={props.meetingId}
            data={props.data}
            area={area}
            failed={props.failed?.areaId === area.id ? props.failed : null}
          />
        ))}
      </ul>
      <ConfirmUnchanged meetingId={props.meetingId} data={props.data} />
    </div>
  )
}

/** "Confirm unchanged areas", while some area has a previous assessment and none yet at this meeting. */
export const ConfirmUnchanged = (props: {
  meetingId: string
  data: MeetingSituationData['assessments']
}) => {
  const { t } = usePage()
  const { areas, current, previous, canAssess } = props.data
  const confirmable = areas.some((area) => !current.has(area.id) && previous.has(area.id))
  return (
    <div id="bedomning-bekrafta">
      {canAssess && confirmable ? (
        <form method="post" action={`/moten/${props.meetingId}/bedomningar`}>
          <CsrfField />
          <button type="submit" class="button button--secondary">
            {t('assessment.confirmUnchanged')}
          </button>
        </form>
      ) : null}
    </div>
  )
}

/** One area's assessment; the live stream sends it alone when it changes. */
export const AssessmentItem = (props: {
  meetingId: string
  data: MeetingSituationData['assessments']
  area: MeetingSituationData['assessments']['areas'][number]
  failed: AssessmentFormState | null
}) => {
  const { t } = usePage()
  const { scale, current, previous, canAssess } = props.data
  const { area, failed } = props
  const describe = (row: AreaAssessmentRow | undefined) =>
    row ? (
      <>
        <Level level={row.level} scale={scale} /> · {t(`trend.${row.trend}`)} · {row.justification}
        <span class="muted"> ({formatWeekKey(row.week, true)})</span>
      </>
    ) : (
      <span class="muted">{t('assessment.none')}</span>
    )
  const mine = current.get(area.id)
  const state = failed ?? {
    values: {
      level: String(mine?.level ?? previous.get(area.id)?.level ?? ''),
      trend: mine?.trend ?? 'unchanged',
      justification: mine?.justification ?? '',
    },
    errors: {},
  }
  const prefix = `bed-${area.id.slice(0, 8)}`
  return (
    <li class="assessment" id={`bedomning-${area.id}`}>
      <p class="assessment__area">{area.name}</p>
      <p class="assessment__now">
        <span class="muted">{t('assessment.now')}: </span>
        {describe(mine)}
      </p>
      <p class="assessment__before">
        <span class="muted">{t('assessment.before')}: </span>
        {describe(previous.get(area.id))}
      </p>
      {canAssess ? (
        <details open={failed !== null}>
          <summary>{t('assessment.set', { area: area.name })}</summary>
          {failed ? (
            <ErrorSummary
              errors={failed.errors}
              labels={{
                level: t('assessment.level'),
                trend: t('situation.trend'),
                justification: t('assessment.justification'),
              }}
              idPrefix={prefix}
            />
          ) : null}
          <form
            method="post"
            action={`/moten/${props.meetingId}/bedomningar/${area.id}`}
            novalidate
          >
            <CsrfField />
            <div class="inline-fields">
              <SelectField
                name="level"
                label={t('assessment.level')}
                idPrefix={prefix}
                placeholder={t('form.choose')}
                options={scale.map((label, index) => ({ value: String(index), label }))}
                {...state}
              />
              <SelectField
                name="trend"
                label={t('situation.trend')}
                idPrefix={prefix}
                options={trends.map((trend) => ({ value: trend, label: t(`trend.${trend}`) }))}
                {...state}
              />
            </div>
            <TextField
              name="justification"
              label={t('assessment.justification')}
              idPrefix={prefix}
              maxlength={300}
              {...state}
            />
            <button type="submit" class="button">
              {t('assessment.save')}
            </button>
          </form>
        </details>
      ) : null}
    </li>
  )
}

export const AssessmentSummary = (props: { data: MeetingSituationData['assessments'] }) => {
  const { t } = usePage()
  const assessed = props.data.areas.filter((area) => props.data.current.has(area.id))
  if (assessed.length === 0) return <p class="muted">{t('assessment.noneInMeeting')}</p>
  return (
    <table class="table">
      <caption class="visually-hidden">{t('assessment.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('situation.area')}</th>
          <th scope="col">{t('assessment.level')}</th>
          <th scope="col">{t('situation.trend')}</th>
          <th scope="col">{t('assessment.justification')}</th>
        </tr>
      </thead>
      <tbody>
        {assessed.map((area) => {
          const row = props.data.current.get(area.id)!
          return (
            <tr>
              <td>{area.name}</td>
              <td>
                <Level level={row.level} scale={props.data.scale} />
              </td>
              <td>{t(`trend.${row.trend}`)}</td>
              <td>{row.justification}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
