// The access log's SQLite writer on a thread of its own: the server's event loop only hands it
// batches. Its own connection to the same file (WAL lets it write while the server reads).
import { parentPort, workerData } from 'node:worker_threads'
import { openSqlite } from '../db/connect'
import { sqliteWriter } from './access-log'

const write = sqliteWriter(openSqlite((workerData as { file: string }).file))

parentPort!.on('message', async (message: { id: number; items: Parameters<typeof write>[0] }) => {
  try {
    await write(message.items)
    parentPort!.postMessage({ id: message.id, ok: true })
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: String(error) })
  }
})
