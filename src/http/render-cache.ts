import type { AccessRead } from '../audit/access-log'

// Stands in for the session's CSRF token in cached HTML; tokens are base64url, so never contain it.
export const tokenPlaceholder = 'csrf-token-placeholder-3f9c1e'

/**
 * Cached HTML as UTF-8 pieces with the CSRF token to go between each two, and
 * the objects it reveals: logged for every viewer it is served to, hit or miss.
 */
export type CachedPart = { pieces: Buffer[]; reads: AccessRead[] }

/**
 * Rendered parts of busy pages (the team page, the meeting view, the overview),
 * kept a few seconds. A key names everything the HTML depends on: the content
 * version (moved by every committed change, changes/commit.ts), and what the
 * viewer may see (role, agency, language) — never the person, whose CSRF token
 * is put in on the way out. Access is checked before the cache is asked, on
 * every request. What changes with time alone (the next meetings, "today") is
 * seen within `ttlMs`. Parts are kept encoded, so serving one is copying bytes,
 * not building a string.
 */
export class RenderCache {
  private readonly entries = new Map<string, { part: CachedPart; expires: number }>()

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 500,
  ) {}

  async part(
    key: string,
    render: () => Promise<{ html: string; reads: AccessRead[] }>,
  ): Promise<CachedPart> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && hit.expires > now) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.part
    }
    const { html, reads } = await render()
    const part = { pieces: html.split(tokenPlaceholder).map((piece) => Buffer.from(piece)), reads }
    this.entries.set(key, { part, expires: now + this.ttlMs })
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return part
  }
}
