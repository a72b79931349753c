import { Hono } from 'hono'
import { AccessibilityPage } from '../../views/about/accessibility.page'
import type { AppEnv } from '../http/app-env'
import { render } from '../http/render'

/** The accessibility statement (lag 2018:1937, DIGG's required content): public, linked from every page. */
export const accessibilityRoutes = new Hono<AppEnv>()

accessibilityRoutes.get('/', (c) =>
  render(c, <AccessibilityPage contact={c.get('deps').config.accessibilityContact} />),
)
