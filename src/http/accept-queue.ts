import { readFileSync } from 'node:fs'

/**
 * How many connections wait in the kernel's accept queue of our listening
 * socket (Linux: the LISTEN row's rx_queue in /proc/net/tcp and tcp6), read
 * every `intervalMs`. While Node is saturated it accepts new connections
 * slowly, and they can wait seconds there unseen by the application; this
 * makes that wait visible so load can be shed. Elsewhere it reads 0.
 *
 * The files list every socket of the machine, and reading them cost 4 % of a
 * busy process's CPU. So they are read only when this timer fires at least
 * `lateMs` late: a loop that keeps time accepts whatever waits at each turn,
 * so nothing can be queued for long then (`lateMs` 0: read every time, for
 * watching another process).
 */
export function watchAcceptQueue(
  port: number,
  intervalMs = 100,
  lateMs = 20,
  readDepth: () => number = procReader(port),
): { depth: () => number; stop: () => void } {
  let depth = 0
  let due = performance.now() + intervalMs
  const timer = setInterval(() => {
    const now = performance.now()
    // Timers may fire a little early by this clock: 0 reads every time whatever it says.
    depth = lateMs === 0 || now - due >= lateMs ? readDepth() : 0
    due = now + intervalMs
  }, intervalMs)
  timer.unref()
  return { depth: () => depth, stop: () => clearInterval(timer) }
}

/** The listening socket's accept queue, from /proc/net/tcp and tcp6. */
function procReader(port: number): () => number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  // Reading these files walks the kernel's whole socket table, so after the first
  // read only the file that holds our listening socket is read again.
  let files = ['/proc/net/tcp', '/proc/net/tcp6']
  return () => {
    let total = 0
    const holding: string[] = []
    for (const file of files) {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        continue
      }
      for (const line of text.split('\n')) {
        const fields = line.trim().split(/\s+/)
        // fields: sl, local_address, rem_address, st, tx_queue:rx_queue, …
        if (fields[3] !== '0A' || !fields[1]?.endsWith(`:${hexPort}`)) continue
        total += parseInt(fields[4]?.split(':')[1] ?? '0', 16) || 0
        if (!holding.includes(file)) holding.push(file)
      }
    }
    if (holding.length > 0) files = holding
    return total
  }
}
