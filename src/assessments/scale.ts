/** The default four-step scale (domain.md §1): green means no special action needed. */
export const defaultScale = ['Grön', 'Gul', 'Orange', 'Röd'] as const

export const minScaleSteps = 2
export const maxScaleSteps = 6

/** A team's scale from its stored JSON; the default when it cannot be read. */
export function parseScale(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    if (
      Array.isArray(value) &&
      value.length >= minScaleSteps &&
      value.length <= maxScaleSteps &&
      value.every((v) => typeof v === 'string' && v)
    )
      return value
  } catch {
    // fall through to the default
  }
  return [...defaultScale]
}

/** "Grön, Gul, Orange, Röd" as typed in the team form, to labels; null when it is not a usable scale. */
export function scaleFromText(text: string): string[] | null {
  const labels = text
    .split(',')
    .map((label) => label.trim())
    .filter(Boolean)
  if (labels.length < minScaleSteps || labels.length > maxScaleSteps) return null
  if (
    labels.some((label) => label.length > 20) ||
    new Set(labels.map((l) => l.toLowerCase())).size !== labels.length
  )
    return null
  return labels
}

/**
 * The CSS class of a level: the scale's steps spread over six tones from
 * green to red, so a two-step scale is green and red, a four-step one green,
 * yellow, orange, red. Colour is never alone: the label is always written out.
 */
export function levelTone(level: number, steps: number): number {
  if (steps <= 1) return 0
  return Math.round((level / (steps - 1)) * 5)
}
