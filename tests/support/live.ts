import { expect } from 'vitest'
import type { App } from '../../src/app'
import type { TestClient } from './client'
import { testOrigin } from './test-context'

/** Opens a meeting's live stream as `client` and collects what arrives. */
export async function listenToMeeting(app: App, client: TestClient, meetingId: string) {
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  const response = await app.request(`${testOrigin}/moten/${meetingId}/live`, {
    headers: { cookie },
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let received = ''
  const until = async (pattern: RegExp, ms = 3000) => {
    const deadline = Date.now() + ms
    while (!pattern.test(received)) {
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`timed out waiting for ${pattern}; got:\n${received.slice(0, 500)}`)
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
      ])
      if (chunk === null) continue
      if (chunk.done) throw new Error(`stream ended; got:\n${received.slice(0, 500)}`)
      received += decoder.decode(chunk.value)
    }
    return received
  }
  return {
    until,
    close: () => reader.cancel(),
    get text() {
      return received
    },
  }
}
