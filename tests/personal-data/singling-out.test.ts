import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSinglingOut } from '../../src/personal-data/singling-out'
import { corpus } from '../bench/personal-data-corpus'
import {
  aSituationTeam,
  entryForm,
  reportEntry,
  type SituationTeam,
} from '../support/situation-team'
import { createTestContext, type TestContext } from '../support/test-context'

// Invented people only; the combinations are what matters, not who.

describe('findSinglingOut', () => {
  const kinds = (text: string) => findSinglingOut(text).map((d) => d.kind)

  it('finds an exact age with a class or a named school, a relative with a circumstance, "the only"', () => {
    expect(kinds('En 14-åring i 8B har slutat komma till lektionerna.')).toEqual(['age_with_group'])
    expect(kinds('Eleven är 13 år och går på Ekskolan.')).toEqual(['age_with_group'])
    expect(kinds('Pappan sitter på anstalt sedan i somras.')).toEqual([
      'relative_with_circumstance',
    ])
    expect(kinds('Mamman har schizofreni enligt skolan.')).toEqual(['relative_with_circumstance'])
    expect(kinds('Hon är den enda tjejen i klassen som inte får följa med.')).toEqual(['the_only'])
  })

  it('leaves ordinary situation pictures alone: age ranges, school without a name, plain words', () => {
    for (const text of [
      'Ungdomar 15–17 år samlas vid skolan på kvällarna.',
      'Eleverna i årskurs 7–9 rapporterar mer hot.',
      'En 15-åring greps efter rånet vid centrum.',
      'Det enda vi kan göra just nu är att öka närvaron.',
      'Föräldrar i området är oroliga för ungdomar som dömts tidigare.',
    ])
      expect(kinds(text), text).toEqual([])
  })

  it('is rare in the clean texts of our corpus', () => {
    const clean = corpus.filter((entry) => !entry.personal)
    const tripped = clean.filter((entry) => findSinglingOut(entry.text).length > 0)
    expect(tripped.map((entry) => entry.text)).toEqual([])
  })
})

describe('the second tier in the entry form', () => {
  let ctx: TestContext
  let t: SituationTeam
  beforeAll(async () => {
    ctx = await createTestContext()
    t = await aSituationTeam(ctx.db, ctx.app)
  })
  afterAll(async () => ctx?.destroy())

  it('asks to write more generally or to give a reason; the reason is audited, the text is not', async () => {
    const description = 'En 14-åring i 8B har slutat komma till skolan och syns vid torget sent.'
    const form = entryForm(t, { description })
    const asked = await reportEntry(t.people.social.client, t.team.id, form)
    expect(asked.status).toBe(422)
    const html = await asked.text()
    expect(html).toContain('kan peka ut en enskild person')
    expect(html).toContain('name="bekraftelse-description"')
    // Nothing saved yet.
    const saved = () =>
      ctx.db
        .selectFrom('situation_entries')
        .select('id')
        .where('idempotency_key', '=', String(form.idempotencyKey))
        .execute()
    expect(await saved()).toEqual([])

    // Keeping the text, with a reason chosen on the page the person got back.
    const kept = await t.people.social.client.submitOn(
      html,
      `/team/${t.team.id}/poster/ny`,
      {
        'bekraftelse-description': 'needed_for_assessment',
      },
      { action: `/team/${t.team.id}/poster` },
    )
    expect(kept.status).toBe(303)
    expect(await saved()).toHaveLength(1)
    const event = await ctx.db
      .selectFrom('audit_events')
      .select(['details', 'actor_user_id'])
      .where('action', '=', 'personal_data.confirmed')
      .executeTakeFirstOrThrow()
    expect(event.actor_user_id).toBe(t.people.social.id)
    expect(JSON.parse(event.details)).toEqual({
      field: 'description',
      reason: 'needed_for_assessment',
      kinds: ['age_with_group'],
    })
    expect(event.details).not.toContain('8B')
  })

  it('refuses a made-up reason the same as none', async () => {
    const form = entryForm(t, { description: 'Pappan sitter på anstalt och sonen mår dåligt.' })
    const response = await t.people.social.client.post(
      `/team/${t.team.id}/poster`,
      { ...form, 'bekraftelse-description': 'because' },
      { forged: true },
    )
    expect(response.status).toBe(422)
  })
})
