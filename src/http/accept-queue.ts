import { readFileSync } from 'node:fs'

/**
 * How many connections wait in the kernel's accept queue of our listening
 * socket (Linux: the LISTEN row's rx_queue in /proc/net/tcp and tcp6), read
 * every `intervalMs`. While Node is saturated it accepts new connections
 * slowly, and they can wait seconds there unseen by the application; this
 * makes that wait visible so load can be shed. Elsewhere it reads 0.
 */
export function watchAcceptQueue(
  port: number,
  intervalMs = 100,
): { depth: () => number; stop: () => void } {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  let depth = 0
  // Reading these files walks the kernel's whole socket table, so after the first
  // read only the file that holds our listening socket is read again.
  let files = ['/proc/net/tcp', '/proc/net/tcp6']
  const read = () => {
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
    depth = total
  }
  const timer = setInterval(read, intervalMs)
  timer.unref()
  return { depth: () => depth, stop: () => clearInterval(timer) }
}
