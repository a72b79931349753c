// A real OpenID provider on loopback for the sign-in tests (oidc-provider, its own
// development login form), and a browser in miniature that signs in there.
import { createServer, type Server } from 'node:http'
import Provider from 'oidc-provider'
import { freePort } from './free-port'
import { readForms } from './form'

export type ProviderAccount = { email?: string; emailVerified?: boolean }

export type LocalOidcProvider = {
  issuer: string
  clientId: string
  clientSecret: string
  /** The people the provider knows, by the login typed on its form (their `sub`). */
  accounts: Map<string, ProviderAccount>
  /** Seconds the provider's clock is off while it issues tokens (a provider whose clock is wrong). */
  clockSkew: { seconds: number }
  close: () => Promise<void>
}

export async function startOidcProvider(redirectUris: string[]): Promise<LocalOidcProvider> {
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'laget-test'
  const clientSecret = `hemlighet-${Math.random().toString(36).slice(2)}`
  const accounts = new Map<string, ProviderAccount>()
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris.map((uri) => `${new URL(uri).origin}/logga-in`),
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const account = accounts.get(id) ?? {}
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(account.email
            ? { email: account.email, email_verified: account.emailVerified ?? true }
            : {}),
        }),
      }
    },
    // The person consents by signing in: no consent page in the tests.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  const clockSkew = { seconds: 0 }
  const handle = provider.callback()
  const server: Server = createServer((req, res) => {
    if (clockSkew.seconds !== 0 && req.url?.startsWith('/token')) {
      // The provider and Läget share this process: its clock is off only while it answers.
      const realNow = Date.now
      Date.now = () => realNow() + clockSkew.seconds * 1000
      res.on('finish', () => (Date.now = realNow))
    }
    return handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    clockSkew,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A person at the provider: follows its redirects with its own cookies, fills
 * its login form, and returns the address it sends the browser back to (ours).
 */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>()

  constructor(private readonly returnsTo: string) {}

  async signIn(authorizationUrl: string, login: string): Promise<string> {
    let response = await this.follow(authorizationUrl)
    if (typeof response === 'string') return response
    const html = await response.text()
    const form = readForms(html).find((candidate) =>
      candidate.controls.some((control) => control.name === 'login'),
    )
    if (!form) throw new Error(`the provider showed no login form:\n${html.slice(0, 500)}`)
    const body = new URLSearchParams({ prompt: 'login', login, password: 'valfritt' })
    response = await this.follow(new URL(form.action, response.url).href, body)
    if (typeof response === 'string') return response
    throw new Error(`the provider did not send the browser back: ${response.status}`)
  }

  /** Cancels at the provider's login page ("abort"): the provider sends the browser back with access_denied. */
  async cancel(authorizationUrl: string): Promise<string> {
    const response = await this.follow(authorizationUrl)
    if (typeof response === 'string') throw new Error('no login page to cancel at')
    const abort = /href="([^"]+\/abort)"/.exec(await response.text())?.[1]
    if (!abort) throw new Error('the login page has no way to cancel')
    const back = await this.follow(new URL(abort, response.url).href)
    if (typeof back !== 'string') throw new Error('cancelling did not send the browser back')
    return back
  }

  /** Follows redirects; a string is the address back at Läget, a Response a page at the provider. */
  private async follow(url: string, body?: URLSearchParams): Promise<string | Response> {
    let next = url
    let post = body
    for (let hops = 0; hops < 10; hops++) {
      if (next.startsWith(this.returnsTo)) return next
      const response = await fetch(next, {
        method: post ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.cookies.size
            ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
            : {}),
        },
        body: post?.toString(),
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const at = pair!.indexOf('=')
        this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
      }
      const location = response.headers.get('location')
      if (response.status < 300 || response.status >= 400 || !location) {
        Object.defineProperty(response, 'url', { value: next })
        return response
      }
      next = new URL(location, next).href
      post = undefined
    }
    throw new Error('too many redirects at the provider')
  }
}
