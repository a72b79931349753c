/**
 * A count as shown: 1–2 in a sensitive category reads "<3" to anyone but the
 * agency behind every one of them, so that a small number cannot point at a person.
 * Applied in the read door only: what leaves it is already shown.
 */
export function shownCount(count: number, sensitive: boolean, ownCount: number): string {
  return sensitive && count > 0 && count < 3 && ownCount < count ? '<3' : String(count)
}
