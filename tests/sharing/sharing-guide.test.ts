import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listLegalBases } from '../../src/sharing/legal-basis.repository'
import type { LegalBasis } from '../../src/sharing/legal-basis.table'
import { proposeBases, refusedRecipients, type GuideAnswers } from '../../src/sharing/sharing-guide'
import { createTestContext, type TestContext } from '../support/test-context'

// The guide is tested against the catalogue as the migration seeds it.
let ctx: TestContext
let catalogue: LegalBasis[]
beforeAll(async () => {
  ctx = await createTestContext()
  catalogue = await listLegalBases(ctx.db)
})
afterAll(async () => ctx.destroy())

const today = '2026-11-22'
const codes = (answers: GuideAnswers, kind: Parameters<typeof proposeBases>[2], on = today) =>
  proposeBases(catalogue, answers, kind, on)
    .map((b) => b.code)
    .sort()
const basis = (code: string) => catalogue.find((b) => b.code === code)!

describe('proposeBases', () => {
  it('proposes only the anonymised tier for information that identifies nobody', () => {
    expect(codes({ identifiable: false }, 'housing')).toEqual(['ingen-sekretess'])
    expect(codes({ identifiable: false }, 'police')).toEqual(['ingen-sekretess'])
  })

  it('proposes consent whenever consent is given, to any agency', () => {
    expect(codes({ identifiable: true, consent: true }, 'housing')).toEqual(['samtycke'])
    expect(codes({ identifiable: true, consent: true }, 'school')).toContain('samtycke')
  })

  it('proposes 10:18 a to social services about someone under 21 to prevent crime, and not to a school', () => {
    const social = codes(
      { identifiable: true, under21: true, consent: false, purpose: 'prevent_crime' },
      'social_services',
    )
    expect(social).toContain('osl-10-18a')
    expect(
      codes(
        { identifiable: true, under21: true, consent: false, purpose: 'prevent_crime' },
        'school',
      ),
    ).not.toContain('osl-10-18a')
    expect(
      codes(
        { identifiable: true, under21: false, consent: false, purpose: 'prevent_crime' },
        'social_services',
      ),
    ).not.toContain('osl-10-18a')
  })

  it('proposes 10:18 b for terrorist crime and 10:18 c for violence against a close relative', () => {
    expect(codes({ identifiable: true, purpose: 'terrorism' }, 'social_services')).toContain(
      'osl-10-18b',
    )
    expect(
      codes({ identifiable: true, purpose: 'close_relative_violence' }, 'healthcare'),
    ).toContain('osl-10-18c')
    expect(
      codes({ identifiable: true, purpose: 'close_relative_violence' }, 'housing'),
    ).not.toContain('osl-10-18c')
  })

  it('proposes the duty to report concern for a child, under 18, to a school', () => {
    expect(
      codes(
        { identifiable: true, under18: true, under21: true, purpose: 'child_concern' },
        'school',
      ),
    ).toContain('osl-10-28-orosanmalan')
    expect(
      codes(
        { identifiable: true, under18: false, under21: true, purpose: 'child_concern' },
        'school',
      ),
    ).not.toContain('osl-10-28-orosanmalan')
  })

  it('leaves out retired bases and bases not in force on the day', () => {
    const retired = catalogue.map((b) =>
      b.code === 'samtycke' ? { ...b, retired_at: '2026-01-01T00:00:00.000Z' } : b,
    )
    expect(proposeBases(retired, { identifiable: true, consent: true }, 'housing', today)).toEqual(
      [],
    )
    expect(
      codes({ identifiable: true, purpose: 'terrorism' }, 'social_services', '2019-06-01'),
    ).not.toContain('osl-10-18b')
    const expired = catalogue.map((b) =>
      b.code === 'osl-10-18b' ? { ...b, valid_to: '2026-01-01' } : b,
    )
    expect(
      proposeBases(
        expired,
        { identifiable: true, purpose: 'terrorism' },
        'social_services',
        today,
      ).map((b) => b.code),
    ).not.toContain('osl-10-18b')
  })
})

describe('refusedRecipients', () => {
  const police = { id: 'p', kind: 'police' as const, isPublicAuthority: true }
  const housing = { id: 'h', kind: 'housing' as const, isPublicAuthority: false }
  const school = { id: 's', kind: 'school' as const, isPublicAuthority: true }

  it('refuses a private actor unless the basis allows private recipients', () => {
    expect(refusedRecipients(basis('osl-10-18a'), [police, housing])).toEqual([housing])
    expect(refusedRecipients(basis('samtycke'), [police, housing])).toEqual([])
    expect(refusedRecipients(basis('ingen-sekretess'), [housing])).toEqual([])
  })

  it('refuses a kind of agency the basis does not name', () => {
    expect(refusedRecipients(basis('osl-10-18a'), [school])).toEqual([school])
    expect(
      refusedRecipients(basis('osl-10-28-orosanmalan'), [
        { id: 'x', kind: 'social_services', isPublicAuthority: true },
      ]),
    ).toEqual([])
  })
})
