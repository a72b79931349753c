import { describe, expect, it } from 'vitest'
import { translator } from '../src/i18n/t'

describe('translator', () => {
  it('says "1 åtgärd" and "2 åtgärder", in both languages', () => {
    const sv = translator('sv')
    expect(sv('actions.count', { count: 1 })).toBe('1 åtgärd.')
    expect(sv('actions.count', { count: 2 })).toBe('2 åtgärder.')
    expect(sv('actions.count', { count: 0 })).toBe('0 åtgärder.')
    expect(translator('en')('actions.count', { count: 1 })).toBe('1 action.')
    expect(sv('situation.events', { count: 1 })).toBe('1 händelse')
  })
})
