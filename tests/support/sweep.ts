/**
 * Known ways to smuggle another site past a "local path only" check, as the
 * raw value a form field or decoded query parameter carries. Every redirect
 * target Läget takes from a request is tested against all of them.
 */
export const redirectBypasses: readonly string[] = [
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example/',
  '/\\/evil.example/',
  '\\\\evil.example/',
  '/\t/evil.example/',
  '/\n/evil.example/',
  '/\r\n/evil.example/',
  '/ /evil.example/',
  '/\u0000/evil.example/',
  '/\u007f/evil.example/',
  '/%2F/evil.example/',
  '/%2f%2fevil.example/',
  '%2F%2Fevil.example/',
  '/%5Cevil.example/',
  '/%5C/evil.example/',
  '/%09/evil.example/',
  '/%0a/evil.example/',
  '/%0d%0aSet-Cookie:%20x=1',
  '/%252F/evil.example/',
  '/%25252F/evil.example/',
  '/%255Cevil.example/',
  'https://evil.example/',
  'http:evil.example',
  '//evil.example@localhost/',
  'javascript:alert(1)',
  '/\u2028/evil.example/',
  ' /evil.example',
]

/** True when a Location header value stays on this site and is a valid header. */
export function isSameSiteLocation(location: string | null): boolean {
  if (!location || !location.startsWith('/') || location.startsWith('//') || /[\u0000-\u0020\u007f\\]/.test(location)) return false
  const probe = 'http://laget.invalid'
  return new URL(location, probe).origin === probe
}
