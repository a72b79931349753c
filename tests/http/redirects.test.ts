import { describe, expect, it } from 'vitest'
import { safeLocalPath, safeLocalPathWithin } from '../../src/http/local-path'
import { aMeeting, aUser, useTeamWithRoles } from '../support/builders'
import { TestClient } from '../support/client'
import { isSameSiteLocation, redirectBypasses } from '../support/sweep'
import { inDays } from '../support/days'

const s = useTeamWithRoles()

const errorsLogged = () => s.ctx.logged.filter((line) => line.level === 'error')

describe('safeLocalPath', () => {
  it.each(redirectBypasses.map((value) => [JSON.stringify(value), value]))(
    'refuses %s',
    (_shown, value) => {
      expect(safeLocalPath(value)).toBe('/')
    },
  )

  it('keeps local paths, their query and fragment, re-serialised as a valid header', () => {
    expect(safeLocalPath('/team/abc?vecka=2026-W48#omraden')).toBe(
      '/team/abc?vecka=2026-W48#omraden',
    )
    expect(safeLocalPath('/moten/abc?x=%2F')).toBe('/moten/abc?x=%2F')
    expect(safeLocalPath('/sök/å')).toBe('/s%C3%B6k/%C3%A5')
    expect(safeLocalPath(undefined, '/x')).toBe('/x')
    expect(safeLocalPath('/%E0%A4%A')).toBe('/')
    expect(safeLocalPath(`/${'a'.repeat(3000)}`)).toBe('/')
  })

  it('keeps a path within the given prefixes only', () => {
    expect(safeLocalPathWithin('/moten/abc#uppfoljning', ['/moten/'], '/f')).toBe(
      '/moten/abc#uppfoljning',
    )
    expect(safeLocalPathWithin('/admin', ['/moten/'], '/f')).toBe('/f')
    expect(safeLocalPathWithin('/moten/\n/x', ['/moten/'], '/f')).toBe('/f')
  })
})

describe('every redirect target taken from a request', () => {
  it('GET /logga-in?nasta=… signed in: a same-site redirect for every known bypass, nothing logged as an error', async () => {
    const before = errorsLogged().length
    for (const value of redirectBypasses) {
      const response = await s.t.member.client.get(`/logga-in?nasta=${encodeURIComponent(value)}`)
      expect(response.status, JSON.stringify(value)).toBe(303)
      expect(response.headers.get('location'), JSON.stringify(value)).toBe('/')
    }
    expect(errorsLogged().slice(before)).toEqual([])
  })

  it('POST /logga-in?nasta=… with the right password: signed in and sent home, for every known bypass', async () => {
    const user = await aUser(s.ctx.db)
    const before = errorsLogged().length
    for (const value of redirectBypasses) {
      const client = new TestClient(s.ctx.app)
      const page = `/logga-in?nasta=${encodeURIComponent(value)}`
      const response = await client.submit(page, { email: user.email, password: user.password })
      expect(response.status, JSON.stringify(value)).toBe(303)
      expect(isSameSiteLocation(response.headers.get('location')), JSON.stringify(value)).toBe(true)
      expect(response.headers.get('location')).toBe('/')
      expect((await client.get('/')).status).toBe(200)
    }
    expect(errorsLogged().slice(before)).toEqual([])
  })

  it('POST /sprak with a forged tillbaka: the language is changed and the browser sent home', async () => {
    const before = errorsLogged().length
    for (const value of redirectBypasses) {
      const response = await s.t.member.client.post(
        '/sprak',
        { locale: 'sv', tillbaka: value },
        { forged: true },
      )
      expect(response.status, JSON.stringify(value)).toBe(303)
      expect(response.headers.get('location'), JSON.stringify(value)).toBe('/')
    }
    const home = await s.t.member.client.submit('/', { locale: 'en' }, { action: '/sprak' })
    expect(isSameSiteLocation(home.headers.get('location'))).toBe(true)
    await s.t.member.client.submit('/', { locale: 'sv' }, { action: '/sprak' })
    expect(errorsLogged().slice(before)).toEqual([])
  })

  it('POST /atgarder/:id/status with a forged tillbaka: saved, and back to the action page', async () => {
    const meetingId = await aMeeting(s.ctx.db, s.t.team.id, { status: 'called', startsInDays: 0 })
    const page = `/moten/${meetingId}`
    await s.t.chair.client.submit(page, {}, { action: `${page}/oppna` })
    await s.t.chair.client.submit(
      page,
      { text: 'Belysningen ses över' },
      { action: `${page}/beslut`, within: '#beslut' },
    )
    const decision = await s.ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    const dueOn = inDays(7)
    await s.t.chair.client.submit(`${page}/beslut/${decision.id}/atgarder/ny`, {
      text: 'Byt lampor',
      ownerAgencyId: s.t.member.agencyId,
      dueOn,
    })
    const action = await s.ctx.db
      .selectFrom('actions')
      .select('id')
      .where('decision_id', '=', decision.id)
      .executeTakeFirstOrThrow()
    const before = errorsLogged().length
    for (const value of [
      ...redirectBypasses,
      '/moten/\n/evil.example/',
      '/atgarder\\evil.example',
    ]) {
      const form = await s.t.member.client.get(
        `/atgarder/${action.id}/status?tillbaka=${encodeURIComponent(value)}`,
        { 'HX-Request': 'true' },
      )
      expect(form.status, JSON.stringify(value)).toBe(200)
      expect(await form.text()).toContain(`value="/atgarder/${action.id}"`)
      const response = await s.t.member.client.post(
        `/atgarder/${action.id}/status`,
        { status: 'in_progress', tillbaka: value },
        { forged: true },
      )
      expect(response.status, JSON.stringify(value)).toBe(303)
      expect(response.headers.get('location'), JSON.stringify(value)).toBe(`/atgarder/${action.id}`)
    }
    expect(errorsLogged().slice(before)).toEqual([])
  })
})
