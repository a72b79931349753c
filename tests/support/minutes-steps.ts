import { expect } from 'vitest'
import type { TestClient } from './client'

/** Closes the meeting as its chair does, then approves the minutes as each of `approvers`, through the pages' buttons. */
export async function closeAndApprove(
  meetingId: string,
  chair: TestClient,
  approvers: TestClient[],
): Promise<void> {
  const page = `/moten/${meetingId}`
  expect((await chair.submit(page, {}, { action: `${page}/stang` })).status).toBe(303)
  for (const client of approvers)
    expect(
      (await client.submit(`${page}/protokoll`, {}, { action: `${page}/protokoll/justera` }))
        .status,
    ).toBe(303)
}
