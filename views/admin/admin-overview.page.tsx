import { AdminPage } from './admin-layout'
import { usePage } from '../page-context'

export const AdminOverviewPage = (props: { agencies: number; users: number; teams: number }) => {
  const { t } = usePage()
  return (
    <AdminPage title={t('admin.title')} done={null}>
      <p class="lead">{t('admin.intro')}</p>
      <ul class="link-list">
        <li>
          <a href="/admin/aktorer">{t('admin.agencies')}</a> <span class="muted">({props.agencies})</span>
        </li>
        <li>
          <a href="/admin/anvandare">{t('admin.users')}</a> <span class="muted">({props.users})</span>
        </li>
        <li>
          <a href="/admin/team">{t('admin.teams')}</a> <span class="muted">({props.teams})</span>
        </li>
      </ul>
    </AdminPage>
  )
}
