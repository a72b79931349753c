import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatWeekSpan, isoWeekKey } from '../../src/i18n/format'
import { isValidDay } from '../../src/http/forms'
import type { LegalBasis } from '../../src/sharing/legal-basis.table'
import { guidePurposes } from '../../src/sharing/legal-basis.table'
import { descriptionMaxLength } from '../../src/situation/entries/entry-form'
import type { EntryFormOptions } from '../../src/situation/entries/entry-rules'
import { trends } from '../../src/situation/situation-entry.table'
import { sharingScopes } from '../../src/teams/team.table'
import { ErrorSummary } from '../components/error-summary'
import { ChoiceGroup, CsrfField, SelectField, TextArea, TextField } from '../components/form-field'
import { usePage } from '../page-context'

export type EntryFormProps = {
  action: string
  options: EntryFormOptions
  values: FormValues
  errors: FieldErrors
  /** The bases the guide proposes for the answers given; null until it is answered. */
  proposed: LegalBasis[] | null
  /** Whether what is chosen widens the entry's audience, so the guide must be answered. */
  guideNeeded: boolean
  submitLabel: string
}

/**
 * The situation entry form. Works without JavaScript: the sharing guide is a
 * part of the form that opens when a widening needs it, and "show the bases"
 * sends the form back with the bases its answers allow.
 */
export const EntryForm = (props: EntryFormProps) => {
  const { t } = usePage()
  const { options, values, errors } = props
  const labels = {
    areaId: t('situation.area'),
    categoryId: t('situation.category'),
    periodFrom: t('situation.periodFrom'),
    periodTo: t('situation.periodTo'),
    eventCount: t('situation.eventCount'),
    trend: t('situation.trend'),
    description: t('situation.description'),
    ownReference: t('situation.ownReference'),
    scope: t('situation.scope'),
    recipients: t('situation.recipients'),
    legalBasisId: t('situation.legalBasis'),
  }
  const weeks =
    isValidDay(values.periodFrom ?? '') &&
    isValidDay(values.periodTo ?? '') &&
    values.periodFrom! <= values.periodTo!
      ? `${formatWeekSpan(values.periodFrom!, values.periodTo!)} (${isoWeekKey(values.periodTo!).slice(0, 4)})`
      : null
  const sensitive = new Set(options.categories.filter((c) => c.is_sensitive === 1).map((c) => c.id))
  return (
    <form method="post" action={props.action} novalidate class="entry-form">
      <ErrorSummary errors={errors} labels={labels} />
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={values.idempotencyKey ?? ''} />
      <div class="inline-fields">
        <SelectField
          name="areaId"
          label={labels.areaId}
          values={values}
          errors={errors}
          placeholder={t('form.choose')}
          options={options.areas.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          name="categoryId"
          label={labels.categoryId}
          values={values}
          errors={errors}
          placeholder={t('form.choose')}
          options={options.categories.map((c) => ({
            value: c.id,
            label: sensitive.has(c.id) ? `${c.name} (${t('situation.sensitive')})` : c.name,
          }))}
        />
      </div>
      <div class="inline-fields">
        <TextField
          name="periodFrom"
          type="date"
          label={labels.periodFrom}
          values={values}
          errors={errors}
        />
        <TextField
          name="periodTo"
          type="date"
          label={labels.periodTo}
          values={values}
          errors={errors}
        />
        <TextField
          name="eventCount"
          inputmode="numeric"
          label={labels.eventCount}
          hint={t('situation.eventCountHint')}
          values={values}
          errors={errors}
          maxlength={5}
        />
      </div>
      {weeks ? (
        <p class="muted" id="period-weeks">
          {t('situation.periodWeeks', { weeks })}
        </p>
      ) : null}
      <ChoiceGroup
        name="trend"
        label={labels.trend}
        values={values}
        errors={errors}
        inline
        options={trends.map((trend) => ({ value: trend, label: t(`trend.${trend}`) }))}
      />
      <TextArea
        name="description"
        label={labels.description}
        hint={t('situation.descriptionHint', { max: String(descriptionMaxLength) })}
        values={values}
        errors={errors}
        maxlength={descriptionMaxLength}
        rows={5}
      />
      <TextField
        name="ownReference"
        label={labels.ownReference}
        hint={t('situation.ownReferenceHint')}
        values={values}
        errors={errors}
        maxlength={60}
      />
      <ChoiceGroup
        name="scope"
        label={labels.scope}
        hint={t('situation.scopeHint')}
        values={values}
        errors={errors}
        options={sharingScopes.map((scope) => ({
          value: scope,
          label: t(`scope.${scope}`),
          hint: t(`scope.${scope}.hint`),
        }))}
      />
      {options.recipients.length > 0 ? (
        <ChoiceGroup
          name="recipients"
          multiple
          label={labels.recipients}
          hint={t('situation.recipientsHint')}
          values={values}
          errors={errors}
          options={options.recipients.map((a) => ({
            value: a.id,
            label:
              a.is_public_authority === 1 ? a.name : `${a.name} (${t('situation.privateActor')})`,
          }))}
        />
      ) : null}
      <SharingGuide {...props} />
      <div class="button-row">
        <button type="submit" class="button">
          {props.submitLabel}
        </button>
      </div>
    </form>
  )
}

const SharingGuide = (props: EntryFormProps) => {
  const { t } = usePage()
  const { values, errors } = props
  const open = props.guideNeeded || props.proposed !== null || errors.legalBasisId !== undefined
  const yesNo = [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ]
  return (
    <details class="card guide" id="sharing-guide" open={open}>
      <summary>{t('guide.title')}</summary>
      <p>{t('guide.intro')}</p>
      <ChoiceGroup
        name="guideIdentifiable"
        label={t('guide.identifiable')}
        values={values}
        errors={errors}
        inline
        options={yesNo}
      />
      <ChoiceGroup
        name="guideUnder18"
        label={t('guide.under18')}
        hint={t('guide.onlyIfIdentifiable')}
        values={values}
        errors={errors}
        inline
        options={yesNo}
      />
      <ChoiceGroup
        name="guideUnder21"
        label={t('guide.under21')}
        hint={t('guide.onlyIfIdentifiable')}
        values={values}
        errors={errors}
        inline
        options={yesNo}
      />
      <ChoiceGroup
        name="guideConsent"
        label={t('guide.consent')}
        values={values}
        errors={errors}
        inline
        options={yesNo}
      />
      <ChoiceGroup
        name="guideConsentBy"
        label={t('guide.consentBy')}
        values={values}
        errors={errors}
        inline
        options={[
          { value: 'person', label: t('guide.consentBy.person') },
          { value: 'guardian', label: t('guide.consentBy.guardian') },
        ]}
      />
      <ChoiceGroup
        name="guidePurpose"
        label={t('guide.purpose')}
        values={values}
        errors={errors}
        options={[
          { value: 'none', label: t('guide.purpose.none') },
          ...guidePurposes.map((p) => ({ value: p, label: t(`guide.purpose.${p}`) })),
        ]}
      />
      <button
        type="submit"
        name="step"
        value="guide"
        class="button button--secondary"
        formnovalidate
      >
        {t('guide.showBases')}
      </button>
      <div id="bases" aria-live="polite">
        {props.proposed === null ? (
          <p class="muted">{t('guide.answerFirst')}</p>
        ) : props.proposed.length === 0 ? (
          <p class="warning">{t('guide.noBases')}</p>
        ) : (
          <ChoiceGroup
            name="legalBasisId"
            label={t('situation.legalBasis')}
            hint={t('guide.informsNotDecides')}
            values={values}
            errors={errors}
            options={props.proposed.map((basis) => ({
              value: basis.id,
              label: `${basis.title} (${basis.reference})`,
              hint: `${basis.explanation}${basis.verifyBeforeUse ? ` ${t('guide.verifyBeforeUse')}` : ''}${basis.allowsPrivateRecipients ? '' : ` ${t('guide.noPrivateRecipients')}`}`,
            }))}
          />
        )}
        {props.proposed === null && errors.legalBasisId ? (
          <p class="error-message" id="f-legalBasisId">
            {t('situation.error.basisRequired')}
          </p>
        ) : null}
      </div>
    </details>
  )
}
