const probe = 'http://laget.invalid'
// Control and format characters (tab and line breaks included), every kind of space, and backslashes.
const unsafeCharacters = /[\p{C}\p{Z}\\]/u
const maxLength = 2048
// Deeper encodings than any page of ours makes are refused outright.
const maxDecodings = 4

/**
 * A redirect target from the request (`nasta`, `tillbaka`) as a path on this
 * site, or `fallback`. Browsers drop tabs and line breaks and read `\` as `/`,
 * so `/\t/evil.example` and `/\evil.example` lead elsewhere; such values, and
 * any whose percent-decoded forms would, are refused rather than repaired.
 * The result is re-serialised by the URL parser, so it is always a valid header.
 */
export function safeLocalPath(value: string | undefined, fallback = '/'): string {
  if (!value || value.length > maxLength || !value.startsWith('/')) return fallback
  let decoded = value
  for (let round = 0; ; round++) {
    if (unsafeCharacters.test(decoded) || decoded.startsWith('//')) return fallback
    const next = decodeOnce(decoded)
    if (next === null || round === maxDecodings) return fallback
    if (next === decoded) break
    decoded = next
  }
  let url: URL
  try {
    url = new URL(value, probe)
  } catch {
    return fallback
  }
  if (url.origin !== probe) return fallback
  return url.pathname + url.search + url.hash
}

/** A local path that also starts with one of `prefixes`, or `fallback`. */
export function safeLocalPathWithin(
  value: string | undefined,
  prefixes: readonly string[],
  fallback: string,
): string {
  const path = safeLocalPath(value, '')
  return path && prefixes.some((prefix) => path.startsWith(prefix)) ? path : fallback
}

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}
