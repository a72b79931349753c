import http from 'node:http'

export type Sample = { status: number; ms: number }

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

/** A GET, or with `body` a form POST whose body is made anew for every request. */
export type Spec = { path: string; headers: Record<string, string>; body?: () => string }

export function request(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Sample> {
  const started = performance.now()
  return new Promise((resolve) => {
    const options =
      body === undefined
        ? { host: '127.0.0.1', port, path, headers, agent }
        : {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            agent,
            headers: {
              ...headers,
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': String(Buffer.byteLength(body)),
            },
          }
    const req = http.request(options, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }))
    })
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
    req.setTimeout(10_000, () => req.destroy())
    req.end(body)
  })
}

const send = (port: number, spec: Spec) => request(port, spec.path, spec.headers, spec.body?.())

/** Closed loop: `connections` clients each send the next request when the last answers. */
export async function closedLoop(port: number, spec: Spec, connections: number, seconds: number) {
  const until = performance.now() + seconds * 1000
  const samples: Sample[] = []
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) samples.push(await send(port, spec))
    }),
  )
  return { samples, seconds }
}

/**
 * Open loop: Poisson arrivals at `rate` per second whatever the server does,
 * latency measured from the scheduled send time (so queueing counts).
 */
export async function openLoop(port: number, spec: Spec, rate: number, seconds: number) {
  const start = performance.now()
  const pending: Promise<Sample>[] = []
  let at = 0
  while (at < seconds * 1000) {
    at += -Math.log(1 - Math.random()) * (1000 / rate)
    const scheduled = start + at
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(
      send(port, spec).then((s) => ({ status: s.status, ms: performance.now() - scheduled })),
    )
  }
  return { samples: await Promise.all(pending), seconds }
}

/** The middle value (the mean of the two middle ones for an even count): one slow second of this shared machine moves a mean, not a median. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
