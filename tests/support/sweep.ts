import { parse, type HTMLElement } from 'node-html-parser'

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
  if (
    !location ||
    !location.startsWith('/') ||
    location.startsWith('//') ||
    /[\u0000-\u0020\u007f\\]/.test(location)
  )
    return false
  const probe = 'http://laget.invalid'
  return new URL(location, probe).origin === probe
}

/**
 * Stored-XSS payloads: text a person could save in any field. Each one, if it
 * were rendered as markup, would make an element with the id `xss`, an event
 * handler, a script, or a javascript: link; rendered as text it is harmless.
 */
export const storedPayloads: readonly string[] = [
  '<script>window.xss=1</script>',
  '"><img src=x id=xss onerror=alert(1)>',
  "'><svg id=xss onload=alert(1)>",
  '</textarea></title><b id=xss>fet</b>',
  '<div id=xss hx-get="/logga-ut" hx-trigger="load">',
  "javascript:alert('xss')",
  '&lt;b id=xss&gt;redan kodad&lt;/b&gt;',
]

/**
 * Asserts that a page (or fragment) shows `payload` as text and nothing of it
 * as markup: no element it made, no event handler, no inline script, no
 * javascript: address. Every view that shows text a person saved is run through this;
 * `shownUpTo` for a view that shows only the start of the text.
 */
export function expectInert(
  html: string,
  payload: string,
  where: string,
  options: { shownUpTo?: number } = {},
): void {
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: true, style: true, pre: true, textarea: true },
  })
  const problems: string[] = []
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}>`)
      if (
        /^(href|src|action|formaction|hx-get|hx-post)$/i.test(name) &&
        /^\s*javascript:/i.test(value)
      )
        problems.push(`<${tag} ${name}="${value}">`)
    }
    // (the attributes map, not element.id: that one can read `id=` out of another attribute's escaped text)
    if (element.attributes.id === 'xss') problems.push(`<${tag} id="xss">`)
    if (
      tag === 'script' &&
      (!/^\/(vendor|js)\//.test(element.getAttribute('src') ?? '') ||
        element.innerHTML.trim() !== '')
    )
      problems.push('inline <script>')
  }
  if (problems.length)
    throw new Error(
      `${where}: the payload ${JSON.stringify(payload)} became markup: ${problems.join(', ')}`,
    )
  const shown = payload.slice(0, options.shownUpTo ?? payload.length)
  if (!(root.textContent + attributeTexts(root)).includes(shown))
    throw new Error(
      `${where}: the payload ${JSON.stringify(payload)} is not shown at all, so this surface proves nothing`,
    )
}

const attributeTexts = (root: HTMLElement) =>
  root
    .querySelectorAll('input, textarea, option, [title], [aria-label]')
    .map((element) =>
      [
        element.getAttribute('value'),
        element.getAttribute('title'),
        element.getAttribute('aria-label'),
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(' ')
