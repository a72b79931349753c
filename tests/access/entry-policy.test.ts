import { describe, expect, it } from 'vitest'
import {
  entryVisibility,
  mayseeOwnReference,
  type EntryForPolicy,
  type EntryViewer,
} from '../../src/access/entry-policy'
import type { SharingScope } from '../../src/teams/team.table'

const source = 'social-services'
const recipient = 'police'
const privateRecipient = 'housing-company'
const other = 'school'

const entry = (scope: SharingScope, basisAllowsPrivateRecipients = false): EntryForPolicy => ({
  scope,
  sourceAgencyId: source,
  recipientAgencyIds: scope === 'team' ? [] : [recipient, privateRecipient],
  basisAllowsPrivateRecipients,
})

const viewers: Record<string, EntryViewer> = {
  'source agency': { role: 'member', agencyId: source, agencyIsPublicAuthority: true },
  'recipient public authority': {
    role: 'member',
    agencyId: recipient,
    agencyIsPublicAuthority: true,
  },
  'recipient private actor': {
    role: 'member',
    agencyId: privateRecipient,
    agencyIsPublicAuthority: false,
  },
  'other member agency': { role: 'chair', agencyId: other, agencyIsPublicAuthority: true },
  observer: { role: 'observer', agencyId: other, agencyIsPublicAuthority: true },
  'observer from the source agency': {
    role: 'observer',
    agencyId: source,
    agencyIsPublicAuthority: true,
  },
  'admin, auditor, former or non-member': {
    role: null,
    agencyId: source,
    agencyIsPublicAuthority: true,
  },
}

// product.md §5, cell by cell: team, agencies, own.
const expected: Record<string, [string, string, string]> = {
  'source agency': ['full', 'full', 'full'],
  'recipient public authority': ['full', 'full', 'stub'],
  'recipient private actor': ['full', 'stub', 'nothing'],
  'other member agency': ['full', 'stub', 'nothing'],
  observer: ['stub', 'stub', 'nothing'],
  'observer from the source agency': ['stub', 'stub', 'nothing'],
  'admin, auditor, former or non-member': ['nothing', 'nothing', 'nothing'],
}

describe('entryVisibility', () => {
  for (const [name, viewer] of Object.entries(viewers)) {
    it(`${name}: ${expected[name]!.join(' / ')} for team / agencies / own`, () => {
      expect(
        (['team', 'agencies', 'own'] as const).map((scope) =>
          entryVisibility(viewer, entry(scope)),
        ),
      ).toEqual(expected[name])
    })
  }

  it('lets a private actor receive an agencies entry only when the legal basis allows private recipients', () => {
    expect(entryVisibility(viewers['recipient private actor']!, entry('agencies', true))).toBe(
      'full',
    )
    expect(entryVisibility(viewers['recipient private actor']!, entry('agencies', false))).toBe(
      'stub',
    )
  })
})

describe('mayseeOwnReference', () => {
  it('is for the source agency alone, whatever the scope', () => {
    for (const scope of ['team', 'agencies', 'own'] as const) {
      const allowed = Object.entries(viewers)
        .filter(([, viewer]) => mayseeOwnReference(viewer, entry(scope)))
        .map(([name]) => name)
      expect(allowed, scope).toEqual(['source agency'])
    }
  })
})
