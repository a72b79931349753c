import { describe, expect, it } from 'vitest'
import { shownCount } from '../../src/situation/read/shown-count'
import { pictureOf } from '../../src/situation/read'
import type { ShownEntry } from '../../src/access/entry-policy'
import { defaultAudience, wideningTo, type Audience } from '../../src/situation/entries/widening'

const source = 'social'
const team = [
  { id: source, isPublicAuthority: true },
  { id: 'police', isPublicAuthority: true },
  { id: 'school', isPublicAuthority: true },
  { id: 'housing', isPublicAuthority: false },
]
const audience = (
  scope: Audience['scope'],
  recipientAgencyIds: string[] = [],
  basisAllowsPrivateRecipients = false,
): Audience => ({ scope, recipientAgencyIds, basisAllowsPrivateRecipients })

describe('wideningTo: who an entry reaches further after a change', () => {
  it('finds nothing when the scope stays at or below the default', () => {
    expect(wideningTo(source, team, defaultAudience('team'), audience('team'))).toEqual([])
    expect(wideningTo(source, team, defaultAudience('agencies'), audience('agencies'))).toEqual([])
    expect(wideningTo(source, team, defaultAudience('agencies'), audience('own'))).toEqual([])
    expect(
      wideningTo(source, team, audience('agencies', ['police']), audience('own', ['police'])),
    ).toEqual([])
  })

  it('finds every agency whose view improves, and every newly named recipient', () => {
    // From the sensitive default to the whole team: all but the source now read it in full.
    expect(
      wideningTo(source, team, defaultAudience('agencies'), audience('team', [], true)),
    ).toEqual(['police', 'school', 'housing'])
    // From own to agencies without recipients: the others go from nothing to the stub.
    expect(wideningTo(source, team, audience('own'), audience('agencies'))).toEqual([
      'police',
      'school',
      'housing',
    ])
    // Naming a recipient is a disclosure to it even where the default was wider.
    expect(
      wideningTo(source, team, defaultAudience('team'), audience('agencies', ['police'])),
    ).toEqual(['police'])
    expect(
      wideningTo(
        source,
        team,
        audience('agencies', ['police']),
        audience('agencies', ['police', 'school']),
      ),
    ).toEqual(['school'])
  })

  it('never counts the source agency', () => {
    expect(wideningTo(source, team, audience('own'), audience('team', [source]))).not.toContain(
      source,
    )
  })
})

const entry = (over: Partial<ShownEntry> & { view: ShownEntry['view'] }): ShownEntry =>
  ({
    id: crypto.randomUUID(),
    areaId: 'a',
    areaName: 'Centrum',
    categoryId: 'c',
    categoryName: 'Radikalisering',
    categorySensitive: true,
    week: '2026-W47',
    trend: 'increasing',
    ...(over.view === 'full'
      ? {
          eventCount: 2,
          fromOwnAgency: false,
          withdrawn: false,
          description: '',
          periodFrom: '',
          periodTo: '',
          sourceAgencyName: '',
          scope: 'team',
          createdAt: '',
          updatedAt: '',
          meetingId: null,
          ownReference: null,
          recipients: null,
          legalBasisTitle: null,
          mayEdit: false,
        }
      : {}),
    ...over,
  }) as ShownEntry

describe('the situation picture in numbers', () => {
  it('counts entries per area × category, events only from full entries, trends from all, withdrawn not at all', () => {
    const [cell] = pictureOf([
      entry({ view: 'full', categorySensitive: false } as Partial<ShownEntry> & { view: 'full' }),
      entry({
        view: 'stub',
        trend: 'decreasing',
        categorySensitive: false,
      } as Partial<ShownEntry> & {
        view: 'stub'
      }),
      entry({ view: 'full', withdrawn: true } as Partial<ShownEntry> & { view: 'full' }),
    ])
    expect(cell).toMatchObject({
      entries: '2',
      events: '2',
      trends: [
        { trend: 'increasing', count: '1' },
        { trend: 'decreasing', count: '1' },
      ],
    })
  })

  it('shows 1–2 in a sensitive category as "<3", except to the agency behind all of them', () => {
    expect(shownCount(1, true, 0)).toBe('<3')
    expect(shownCount(2, true, 1)).toBe('<3')
    expect(shownCount(2, true, 2)).toBe('2')
    expect(shownCount(3, true, 0)).toBe('3')
    expect(shownCount(0, true, 0)).toBe('0')
    expect(shownCount(1, false, 0)).toBe('1')
  })

  it('shows events as "–" when no entry the viewer reads in full gave a count, and hides a "<3" cell’s events and trend counts', () => {
    const plain = (over: Partial<ShownEntry> & { view: ShownEntry['view'] }) =>
      entry({ categorySensitive: false, ...over } as typeof over)
    expect(
      pictureOf([
        plain({ view: 'full', eventCount: null } as Partial<ShownEntry> & { view: 'full' }),
      ])[0]!.events,
    ).toBe('–')
    expect(pictureOf([plain({ view: 'stub' })])[0]!.events).toBe('–')
    expect(
      pictureOf([
        plain({ view: 'full' }),
        plain({ view: 'full', eventCount: null } as Partial<ShownEntry> & { view: 'full' }),
      ])[0]!.events,
    ).toBe('2')
    const sensitive = pictureOf([entry({ view: 'full', categorySensitive: true })])[0]!
    expect(sensitive).toMatchObject({
      entries: '<3',
      events: '–',
      trends: [{ trend: 'increasing', count: '' }],
    })
  })
})
