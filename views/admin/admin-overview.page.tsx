import type { SetupStep } from '../../src/admin/setup-progress'
import { AdminPage } from './admin-layout'
import { usePage } from '../page-context'

const stepLinks: Record<SetupStep['key'], string | null> = {
  agencies: '/admin/aktorer',
  users: '/admin/anvandare',
  team: '/admin/team',
  // The series is the coordinator's: the administrator sees no team content.
  series: null,
}

export const AdminOverviewPage = (props: { steps: SetupStep[]; mailConfigured: boolean }) => {
  const { t } = usePage()
  const next = props.steps.find((step) => !step.done)
  return (
    <AdminPage title={t('admin.title')} done={null}>
      <p class="lead">{t('admin.intro')}</p>
      {props.mailConfigured ? null : <p class="notice">{t('admin.mail.notConfigured')}</p>}
      <section aria-labelledby="first-steps" class="card">
        <h2 id="first-steps">{t('admin.steps.title')}</h2>
        <p>{next ? t('admin.steps.intro') : t('admin.steps.allDone')}</p>
        <ol class="steps">
          {props.steps.map((step) => {
            const link = stepLinks[step.key]
            const title = t(`admin.steps.${step.key}.title`)
            return (
              <li
                class={step.done ? 'steps__step steps__step--done' : 'steps__step'}
                aria-current={step === next ? 'step' : undefined}
              >
                <span class="steps__mark" aria-hidden="true">
                  {step.done ? '✓' : ''}
                </span>
                <div>
                  <p class="steps__title">
                    {link ? <a href={link}>{title}</a> : title}{' '}
                    <span class="visually-hidden">
                      ({step.done ? t('admin.steps.done') : t('admin.steps.notDone')})
                    </span>
                    <span class="muted">
                      {t(`admin.steps.${step.key}.count`, { count: step.count })}
                    </span>
                  </p>
                  <p class="muted">{t(`admin.steps.${step.key}.hint`)}</p>
                </div>
              </li>
            )
          })}
        </ol>
      </section>
    </AdminPage>
  )
}
