// Copies the browser scripts we serve from node_modules into public/vendor/,
// so htmx is never committed by hand and never loaded from a CDN.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, 'public', 'vendor')
mkdirSync(target, { recursive: true })

const files = [
  ['htmx.org/dist/htmx.min.js', 'htmx.min.js'],
  ['htmx-ext-sse/dist/sse.min.js', 'htmx-ext-sse.min.js'],
]
for (const [from, to] of files) {
  copyFileSync(require.resolve(from), join(target, to))
}
