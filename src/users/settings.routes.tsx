import { Hono } from 'hono'
import { z } from 'zod'
import { SettingsPage } from '../../views/users/settings.page'
import { commit } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { checkbox, readForm, validateForm } from '../http/forms'
import { render } from '../http/render'
import { findUser, setMailNotifications } from './user.repository'

/** A person's own settings: whether Läget mails them about meetings (never about content). */
export const settingsRoutes = new Hono<AppEnv>()

const settingsSchema = z.object({ mailNotifications: checkbox() })

settingsRoutes.get('/installningar', async (c) => {
  const user = await findUser(c.var.deps.db, c.var.viewer!.userId)
  return render(
    c,
    <SettingsPage
      mailNotifications={user?.mail_notifications === 1}
      saved={c.req.query('klart') === '1'}
    />,
  )
})

settingsRoutes.post('/installningar', async (c) => {
  const form = validateForm(settingsSchema, await readForm(c))
  // A checkbox has no wrong value: anything but "on" is off.
  const on = form.ok ? form.data.mailNotifications : false
  await commit(c, async (trx, change) => {
    await setMailNotifications(trx, c.var.viewer!.userId, on)
    change.audit({
      action: 'user.settings',
      objectType: 'user',
      objectId: c.var.viewer!.userId,
      details: { mailNotifications: on },
    })
  })
  return c.redirect('/installningar?klart=1', 303)
})
