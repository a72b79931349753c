import type { SharingScope, TeamKind } from './team.table'

export type DefaultCategory = { name: string; isSensitive: boolean; defaultScope: SharingScope }

const plain = (name: string): DefaultCategory => ({
  name,
  isSensitive: false,
  defaultScope: 'team',
})
// Sensitive categories default to scope `agencies` (product.md §5).
const sensitive = (name: string): DefaultCategory => ({
  name,
  isSensitive: true,
  defaultScope: 'agencies',
})

/** The EST checklist of domain.md §1. */
export const estCategories: DefaultCategory[] = [
  plain('Skadegörelse/klotter'),
  plain('Brand'),
  plain('Samlingsplats/folksamling'),
  plain('Otrygg plats'),
  plain('Narkotika (misstänkt försäljning/användning)'),
  plain('Hot och våld'),
  plain('Ordningsstörning'),
  plain('Trafik (buskörning, moped, A-traktor)'),
  plain('Nedskräpning'),
  plain('Incident mot personal'),
  plain('Ryktesspridning och sociala medier'),
  plain('Kommande händelse (evenemang, lov, högtid)'),
  plain('Övrigt'),
]

/** A violent-extremism checklist after domain.md §2; the signals about radicalisation are sensitive. */
export const vbeCategories: DefaultCategory[] = [
  plain('Propaganda, symboler och klistermärken'),
  plain('Våldsbejakande innehåll i sociala medier'),
  sensitive('Rekryteringsförsök'),
  sensitive('Hot mot personal eller förtroendevalda'),
  sensitive('Oro anmäld till samordnaren'),
  sensitive('Radikaliseringssignaler i verksamheten'),
  sensitive('Resor till eller från konfliktområden'),
  plain('Polarisering och konflikter i lokalsamhället'),
  plain('Manifestationer, möten och evenemang'),
  plain('Övrigt'),
]

export function defaultCategoriesFor(kind: TeamKind): DefaultCategory[] {
  if (kind === 'vbe') return vbeCategories
  if (kind === 'est') return estCategories
  return []
}
