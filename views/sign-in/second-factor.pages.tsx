import type { FieldErrors, FormValues } from '../../src/http/forms'
import { formatDate } from '../../src/i18n/format'
import { ErrorSummary } from '../components/error-summary'
import { CsrfField, TextField } from '../components/form-field'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

type FormProps = { values: FormValues; errors: FieldErrors }

/** The step after the password: a code from the app, or one of the recovery codes. */
export const SecondFactorCodePage = (props: FormProps) => {
  const { t } = usePage()
  return (
    <Page title={t('totp.code.title')}>
      <div class="narrow">
        <h1>{t('totp.code.title')}</h1>
        <p>{t('totp.code.intro')}</p>
        <ErrorSummary errors={props.errors} labels={{ code: t('totp.code.label') }} />
        <form method="post" action="/logga-in/kod" novalidate>
          <CsrfField />
          <TextField
            name="code"
            label={t('totp.code.label')}
            hint={t('totp.code.hint')}
            autocomplete="one-time-code"
            required
            maxlength={20}
            keepValue={false}
            values={props.values}
            errors={props.errors}
          />
          <button type="submit" class="button">
            {t('totp.code.button')}
          </button>
        </form>
        <p>
          <a href="/logga-in">{t('totp.code.startOver')}</a>
        </p>
      </div>
    </Page>
  )
}

/** Enrolling a second factor: the QR code (drawn on the server), the secret to type by hand, and the first code. */
export const EnrolSecondFactorPage = (
  props: FormProps & {
    action: string
    qrSvg: string
    secret: string
    /** Required at sign-in (admin, log reviewer, or everyone by the administrator's choice) */
    required: boolean
  },
) => {
  const { t } = usePage()
  return (
    <Page title={t('totp.enrol.title')}>
      <div class="narrow">
        <h1>{t('totp.enrol.title')}</h1>
        {props.required ? <p>{t('totp.enrol.required')}</p> : null}
        <ErrorSummary errors={props.errors} labels={{ code: t('totp.enrol.codeLabel') }} />
        <ol class="enrol-steps">
          <li>{t('totp.enrol.stepApp')}</li>
          <li>
            {t('totp.enrol.stepScan')}
            <div
              class="qr"
              role="img"
              aria-label={t('totp.enrol.qrAlt')}
              dangerouslySetInnerHTML={{ __html: props.qrSvg }}
            />
            <p>
              {t('totp.enrol.secretLabel')} <code class="secret">{props.secret}</code>
            </p>
          </li>
          <li>
            <form method="post" action={props.action} novalidate>
              <CsrfField />
              <TextField
                name="code"
                label={t('totp.enrol.codeLabel')}
                inputmode="numeric"
                autocomplete="one-time-code"
                required
                maxlength={10}
                keepValue={false}
                values={props.values}
                errors={props.errors}
              />
              <button type="submit" class="button">
                {t('totp.enrol.button')}
              </button>
            </form>
          </li>
        </ol>
      </div>
    </Page>
  )
}

/** The ten recovery codes, shown once. */
export const RecoveryCodesPage = (props: { codes: string[]; continueTo: string }) => {
  const { t } = usePage()
  return (
    <Page title={t('totp.recovery.title')}>
      <div class="narrow">
        <h1>{t('totp.recovery.title')}</h1>
        <p role="status">{t('totp.recovery.intro')}</p>
        <ul class="recovery-codes">
          {props.codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>{t('totp.recovery.once')}</p>
        <p>
          <a class="button" href={props.continueTo}>
            {t('totp.recovery.continue')}
          </a>
        </p>
      </div>
    </Page>
  )
}

/** Under Inställningar: the second factor's state, new recovery codes, turning it off. */
export const SecondFactorSettings = (
  props: FormProps & { enabledAt: string | null; unusedCodes: number; required: boolean },
) => {
  const { t, locale } = usePage()
  if (!props.enabledAt)
    return (
      <section aria-labelledby="second-factor">
        <h2 id="second-factor">{t('totp.settings.title')}</h2>
        <p>{t('totp.settings.off')}</p>
        <p>
          <a class="button" href="/installningar/tvastegs">
            {t('totp.settings.enable')}
          </a>
        </p>
      </section>
    )
  return (
    <section aria-labelledby="second-factor">
      <h2 id="second-factor">{t('totp.settings.title')}</h2>
      <p>
        {t('totp.settings.on', {
          date: formatDate(props.enabledAt, locale),
          count: String(props.unusedCodes),
        })}
      </p>
      <ErrorSummary errors={props.errors} labels={{ code: t('totp.code.label') }} />
      <form method="post" action="/installningar/tvastegs/andra" novalidate>
        <CsrfField />
        <TextField
          name="code"
          label={t('totp.settings.codeLabel')}
          autocomplete="one-time-code"
          required
          maxlength={20}
          keepValue={false}
          values={props.values}
          errors={props.errors}
        />
        <div class="button-row">
          <button type="submit" class="button" name="what" value="new-codes">
            {t('totp.settings.newCodes')}
          </button>
          {props.required ? null : (
            <button type="submit" class="button button--secondary" name="what" value="turn-off">
              {t('totp.settings.turnOff')}
            </button>
          )}
        </div>
      </form>
      {props.required ? <p class="muted">{t('totp.settings.requiredNote')}</p> : null}
    </section>
  )
}
