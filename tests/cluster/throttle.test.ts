import { describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { useClusterSchema } from '../support/cluster'
import { clientOf, scratchDir } from '../support/server-process'
import { usingPostgres } from '../support/test-context'

// Sign-in throttling across two processes on one PostgreSQL: the limit is the same as with one.
const dir = scratchDir('laget-cluster-throttle-')

describe.skipIf(!usingPostgres())('sign-in throttling across two processes', () => {
  const cluster = useClusterSchema(dir)

  it('five wrong passwords spread over both processes, then the sixth is refused by either', async () => {
    const [a, b] = await cluster.startTwo()
    const person = await aUser(cluster.connection.db)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const server = i % 2 === 0 ? a : b
      const response = await clientOf(server).submit('/logga-in', {
        email: person.email,
        password: `fel lösenord ${i}`,
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    // Both processes refuse now, the right password too.
    for (const server of [a, b]) {
      const response = await clientOf(server).submit('/logga-in', {
        email: person.email,
        password: person.password,
      })
      expect(response.status).toBe(429)
    }
  })
})
