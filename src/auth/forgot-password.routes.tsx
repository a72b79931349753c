import { Hono } from 'hono'
import { z } from 'zod'
import { ForgotPasswordPage } from '../../views/auth/forgot-password.page'
import { commitAs, recordEvent } from '../changes/commit'
import type { AppEnv } from '../http/app-env'
import { notFound } from '../http/errors'
import { readForm, requiredText, validateForm } from '../http/forms'
import { render } from '../http/render'
import { clientAddress } from '../http/security'
import { findUserByEmail, normaliseEmail } from '../users/user.repository'
import { issuePasswordLink } from './password-links'

/**
 * "Glömt lösenordet?" once mail is set up: a person asks for a reset link by
 * their address and gets it by mail. The answer is the same whether the
 * address has an account or not (nobody learns who is in Läget), requests are
 * throttled per address and per client, and the person's sessions end only
 * when the new password is set.
 */
export const forgotPasswordRoutes = new Hono<AppEnv>()

const requestSchema = z.object({
  email: requiredText(254, { notCheckedBecause: 'the person’s own address, not stored' }),
})

forgotPasswordRoutes.get('/glomt-losenord', (c) =>
  render(
    c,
    <ForgotPasswordPage
      mailConfigured={c.get('deps').config.mail.kind === 'smtp'}
      sent={c.req.query('skickat') === '1'}
      values={{}}
      errors={{}}
    />,
  ),
)

forgotPasswordRoutes.post('/glomt-losenord', async (c) => {
  const { db, config } = c.get('deps')
  if (config.mail.kind !== 'smtp') throw notFound()
  const form = validateForm(requestSchema, await readForm(c))
  if (!form.ok)
    return render(
      c,
      <ForgotPasswordPage mailConfigured sent={false} values={form.values} errors={form.errors} />,
      422,
    )
  const account = normaliseEmail(form.data.email)
  const client = clientAddress(c, config.trustProxy)
  const { loginThrottle } = c.get('deps')
  if (!(await loginThrottle.mayAskForLink(client, account))) {
    await recordEvent(c, {
      action: 'password_reset.request',
      outcome: 'denied',
      details: { reason: 'throttled' },
    })
    c.header('Retry-After', '60')
    return render(
      c,
      <ForgotPasswordPage
        mailConfigured
        sent={false}
        values={form.values}
        errors={{ _form: 'auth.throttled' }}
      />,
      429,
    )
  }
  await loginThrottle.askedForLink(client, account)
  const user = await findUserByEmail(db, account)
  if (user && user.status === 'active') {
    const actor = { userId: user.id, agencyId: user.agency_id, requestId: c.get('requestId') }
    await commitAs(c.get('deps'), actor, (trx, change) =>
      issuePasswordLink(
        trx,
        change,
        user,
        'password_reset',
        config.publicOrigin,
        { action: 'password_reset.request' },
        { endSessionsNow: false },
      ),
    )
  } else {
    await recordEvent(c, {
      action: 'password_reset.request',
      outcome: 'failure',
      details: { reason: user ? `status_${user.status}` : 'unknown_account' },
    })
  }
  return c.redirect('/glomt-losenord?skickat=1', 303)
})
