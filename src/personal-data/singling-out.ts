/**
 * The second tier of the personal-data check: texts that name no one but
 * point at one person by a combination of details — an exact age or year of
 * birth with a school class or a school; a relative with a prison sentence, a
 * diagnosis or a case at an authority; "the only one" in a group. CVE's
 * guidance: removing the name is not enough where only a few people could be
 * meant. Unlike the first tier this is a question, not a refusal: the author
 * rewrites the text more generally, or confirms it with a reason (audited,
 * without the text).
 */

export const singlingOutKinds = [
  'age_with_group',
  'relative_with_circumstance',
  'the_only',
] as const
export type SinglingOutKind = (typeof singlingOutKinds)[number]
export type SinglingOut = { kind: SinglingOutKind; start: number; end: number; match: string }

/** The reasons an author can give for keeping such a detail, as the form offers them. */
export const confirmationReasons = ['needed_for_assessment', 'group_not_small'] as const
export type ConfirmationReason = (typeof confirmationReasons)[number]

/** What the author confirmed when asked about such a detail: the field, the reason, the kinds; never the text. */
export type Confirmation = { field: string; reason: ConfirmationReason; kinds: SinglingOutKind[] }

// "14 år", "14-årig", "14-åringen", "15 år gammal", "fyllde 15", "född 2011" — one age, not a range.
const exactAge =
  /(?<![\d–-])(?:\d{1,2}(?:\s?år(?!\p{L})|-?åring(?:en)?|-?årig(?:a)?)(?!\s*[–-]\s*\d)|fyllde\s\d{1,2}(?!\d)|född\s(?:19|20)\d{2}(?!\d))/giu
// A class ("8B", "klass 8 B", "åk 6", "i sexan") or a school by its name ("Ekskolan",
// "Tallgymnasiet"); "skolan" alone names none.
const group =
  /(?<![\p{L}\d])(?:\d{1,2}\s?[A-ZÅÄÖ](?![\p{L}\d])|(?:klass|åk|årskurs)\.?\s?\d{1,2}(?![\d–-])(?:\s?[A-ZÅÄÖa-zåäö](?![\p{L}]))?|(?:ettan|tvåan|trean|fyran|femman|sexan|sjuan|åttan|nian)(?![\p{L}])|\p{Lu}\p{L}*(?:skolan|skola|gymnasiet|förskolan)(?![\p{L}]))/gu
const relative =
  /(?<![\p{L}])(?:pappan|mamman|fadern|modern|brodern|systern|sonen|dottern|styvpappan|styvmamman|farbrodern|morbrodern|farbror|morbror|kusinen|farmor|mormor|farfar|morfar|storebror|lillebror|storasyster|lillasyster|hans bror|hennes bror|hans syster|hennes syster|hans pappa|hennes pappa|hans mamma|hennes mamma)(?![\p{L}])/giu
const circumstance =
  /(?<![\p{L}])(?:anstalt(?:en)?|fängelse(?:t)?|häkte(?:t)?|häktad|avtjänar|sitter inne|dömd|dömdes|frigiven|villkorligt frigiven|adhd|autism|schizofreni|bipolär|psykos|diagnos(?:en)?|cancer|hiv|missbruk(?:ar)?|lvu|lvm|omhändertagen|placerad|familjehem(?:met)?|hvb|sis-hem(?:met)?|utreds|utredning|orosanmäld)(?![\p{L}])/giu
// "den enda tjejen i …", "ende killen som …", "det enda barnet": one person in a group.
const theOnly =
  /(?<![\p{L}])(?:enda|ende)\s(?:tjejen|killen|flickan|pojken|eleven|barnet|ungdomen|kvinnan|mannen|personen|familjen|tonåringen|föräldern|pappan|mamman|vuxne|vuxna|somaliern|syriern|eritreanen|afghanen|irakiern|romen|kristne|muslimen|juden|transpersonen|i klassen)(?![\p{L}])/giu

/** Details that together may single out one person, sentence by sentence. */
export function findSinglingOut(text: string): SinglingOut[] {
  const found: SinglingOut[] = []
  for (const sentence of sentences(text)) {
    const within = (pattern: RegExp) =>
      [...sentence.text.matchAll(pattern)].map((m) => ({
        start: sentence.start + m.index!,
        end: sentence.start + m.index! + m[0].length,
      }))
    const push = (kind: SinglingOutKind, spans: { start: number; end: number }[]) => {
      const start = Math.min(...spans.map((s) => s.start))
      const end = Math.max(...spans.map((s) => s.end))
      found.push({ kind, start, end, match: text.slice(start, end) })
    }
    const ages = within(exactAge)
    const groups = within(group)
    if (ages.length > 0 && groups.length > 0) push('age_with_group', [ages[0]!, groups[0]!])
    const relatives = within(relative)
    const circumstances = within(circumstance)
    if (relatives.length > 0 && circumstances.length > 0)
      push('relative_with_circumstance', [relatives[0]!, circumstances[0]!])
    const only = within(theOnly)
    if (only.length > 0) push('the_only', [only[0]!])
  }
  return found
}

function* sentences(text: string) {
  const pattern = /[^.!?\n]+[.!?]*/g
  for (const m of text.matchAll(pattern)) yield { text: m[0], start: m.index! }
}
