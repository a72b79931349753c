import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { watchAcceptQueue } from '../../src/http/accept-queue'

describe.skipIf(!existsSync('/proc/net/tcp'))('watchAcceptQueue', () => {
  it('sees connections that wait to be accepted by a busy process', async () => {
    // A server that listens and then keeps its event loop busy, as a saturated Läget does.
    const child = spawn(process.execPath, [
      '-e',
      "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); setTimeout(() => { const end = Date.now() + 3000; while (Date.now() < end) {} }, 20) })",
    ])
    // Killed whatever the outcome: the server would otherwise listen on after a failed run.
    onTestFinished(() => void child.kill())
    const port = await new Promise<number>((resolve) =>
      child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const queue = watchAcceptQueue(port, 20, 0)
    const sockets: Socket[] = Array.from({ length: 3 }, () =>
      connect(port, '127.0.0.1').on('error', () => undefined),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(queue.depth()).toBe(3)
    queue.stop()
    for (const socket of sockets) socket.destroy()
  })

  it('reads the queue only when its own event loop is late (it drains at every turn otherwise)', async () => {
    let reads = 0
    const queue = watchAcceptQueue(0, 20, 1000, () => ++reads)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(reads).toBe(0)
    expect(queue.depth()).toBe(0)
    // Blocked longer than lateMs, as a saturated Läget is: the overdue tick reads, first thing after.
    const end = Date.now() + 1100
    while (Date.now() < end) {
      // busy
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(reads).toBe(1)
    expect(queue.depth()).toBe(1)
    queue.stop()
  })
})
