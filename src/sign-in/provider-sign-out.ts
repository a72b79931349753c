import type { Context } from 'hono'
import type { AppEnv } from '../http/app-env'
import { oidcConfiguration, oidcEndSessionUrl } from './oidc'
import type { IdentityProviderRow } from './sign-in.table'

/** The provider's own sign-out page, when it has one (null when it has none or cannot be reached). */
export async function providerSignOutUrl(
  c: Context<AppEnv>,
  provider: IdentityProviderRow,
): Promise<string | null> {
  const { config, logger } = c.get('deps')
  if (provider.kind !== 'oidc') return null
  try {
    return oidcEndSessionUrl(
      await oidcConfiguration(provider, config),
      `${config.publicOrigin}/logga-in`,
    )
  } catch (error) {
    logger.warn('the identity provider could not be reached for its sign-out', {
      provider: provider.slug,
      error: String(error),
    })
    return null
  }
}
