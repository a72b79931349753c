import type { Child } from 'hono/jsx'
import { StatusMessage } from '../components/error-summary'
import { Page } from '../layouts/page'
import { usePage } from '../page-context'

export type FormState = {
  values: Record<string, string>
  errors: import('../../src/http/forms').FieldErrors
}

/** Every admin page: the admin sub-navigation, a heading and the confirmation after a save. */
export const AdminPage = (props: { title: string; done: string | null; children: Child }) => {
  const { t, path } = usePage()
  const link = (href: string, label: string) => (
    <li>
      <a
        href={href}
        aria-current={path === href || path.startsWith(`${href}/`) ? 'page' : undefined}
      >
        {label}
      </a>
    </li>
  )
  return (
    <Page title={props.title} wide>
      <nav aria-label={t('admin.nav')} class="subnav">
        <ul>
          {link('/admin/aktorer', t('admin.agencies'))}
          {link('/admin/anvandare', t('admin.users'))}
          {link('/admin/team', t('admin.teams'))}
          {link('/admin/rattsliga-grunder', t('admin.legalBases'))}
          {link('/admin/sekretess', t('admin.secrecyProvisions'))}
          {link('/admin/gallring', t('admin.retention'))}
          {link('/admin/inloggning', t('admin.signIn.title'))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      <StatusMessage message={props.done} />
      {props.children}
    </Page>
  )
}
