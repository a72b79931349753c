import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { agencySchema, inviteUserSchema, teamSchema } from '../../src/admin/admin-forms'
import { checkedTextFields, optionalText, requiredText, validateForm } from '../../src/http/forms'
import { agendaItemSchema, moveMeetingSchema, seriesSchema } from '../../src/meetings/meeting-forms'
import { entrySchema } from '../../src/situation/entries/entry-form'

describe('free text in form schemas', () => {
  it('is checked for personal data unless the schema says why not', () => {
    expect(checkedTextFields(entrySchema).sort()).toEqual(['description', 'ownReference'])
    expect(checkedTextFields(agendaItemSchema).sort()).toEqual(['notes', 'title'])
    // The place and title of meetings too; the video link says why not (a web address).
    expect(checkedTextFields(seriesSchema).sort()).toEqual(['location', 'title'])
    expect(checkedTextFields(moveMeetingSchema)).toEqual(['location'])
    expect(checkedTextFields(teamSchema).sort()).toEqual(['description', 'name'])
    // Names of agencies and of the people who use Läget are kept by design.
    expect(checkedTextFields(agencySchema)).toEqual([])
    expect(checkedTextFields(inviteUserSchema)).toEqual([])
  })

  it('keeps its rule through refinements, omissions and extensions', () => {
    const base = z.object({ text: requiredText(10), note: optionalText(10) })
    expect(checkedTextFields(base.refine(() => true))).toEqual(['text', 'note'])
    expect(checkedTextFields(base.omit({ note: true }).extend({ more: optionalText(5) }))).toEqual([
      'text',
      'more',
    ])
    expect(
      checkedTextFields(z.object({ name: requiredText(10, { notCheckedBecause: 'a law' }) })),
    ).toEqual([])
  })

  it('cannot be validated without the check', () => {
    expect(() => validateForm(seriesSchema, { title: 'Veckomöte' })).toThrow(/checkedForm/)
    expect(validateForm(inviteUserSchema, {}).ok).toBe(false)
  })
})
