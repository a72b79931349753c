import { connect as connectTcp } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aUser } from '../support/builders'
import { TestClient } from '../support/client'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let server: ServerType
let port: number
beforeAll(async () => {
  ctx = await createTestContext()
  server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as { port: number }).port
})
afterAll(async () => {
  if ('closeAllConnections' in server) server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await ctx.destroy()
})

/** Sends the head and part of a body, then breaks the connection off. */
async function abortMidBody(head: string[], partialBody: string) {
  const socket = connectTcp(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(`${head.join('\r\n')}\r\n\r\n${partialBody}`)
  await new Promise((resolve) => setTimeout(resolve, 100))
  socket.destroy()
  await new Promise((resolve) => setTimeout(resolve, 200))
}

describe('a client that breaks off its request body', () => {
  it('is not logged as an error, on a public form and on a signed-in one, with and without a length', async () => {
    const user = await aUser(ctx.db)
    const client = new TestClient(ctx.app)
    await client.login(user.email, user.password)
    const session = `__Host-laget=${client.sessionToken}`
    const form = 'application/x-www-form-urlencoded'
    const common = [
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      `Content-Type: ${form}`,
    ]
    await abortMidBody(
      ['POST /logga-in HTTP/1.1', ...common, 'Content-Length: 5000'],
      'email=a%40example.se&password=',
    )
    await abortMidBody(
      ['POST /logga-in HTTP/1.1', ...common, 'Transfer-Encoding: chunked'],
      '10\r\nemail=a%40exampl\r\n',
    )
    await abortMidBody(
      ['POST /sprak HTTP/1.1', ...common, `Cookie: ${session}`, 'Content-Length: 5000'],
      'locale=en&_csrf=',
    )
    await abortMidBody(
      ['POST /sprak HTTP/1.1', ...common, `Cookie: ${session}`, 'Transfer-Encoding: chunked'],
      '8\r\nlocale=e\r\n',
    )
    expect(ctx.logged).toEqual([])
    // and the server still answers
    expect((await fetch(`http://127.0.0.1:${port}/logga-in`)).status).toBe(200)
  })
})
