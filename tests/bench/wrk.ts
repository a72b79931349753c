// The closed loop driven by wrk (Debian's package) instead of this Node process: wrk spends a
// tenth of the CPU per request that Node's http client does, and on a 2-core machine the load
// generator's CPU is taken from the processes being measured.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Spec } from './load'

export const haveWrk = (): boolean => spawnSync('wrk', ['-v']).error === undefined

export type WrkResult = { ok: number; failed: Map<number, number>; p99: number }

const lua = (value: string) => JSON.stringify(value)

/**
 * A POST's body is made anew for every request as the Node loop does: the spec's body with its
 * idempotency key replaced by a fresh UUID (a resent key would be answered without a save).
 */
function script(spec: Spec, resultFile: string): string {
  const headers = Object.entries(spec.headers)
    .map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`)
    .join('\n')
  // 64 of the spec's bodies (they may vary, as a save's area and category do), each with its
  // idempotency key cut out, taken in turn.
  const bodies = spec.body
    ? Array.from({ length: 64 }, () => {
        const sample = new URLSearchParams(spec.body!())
        const key = sample.get('idempotencyKey')
        if (!key) throw new Error('A POST spec needs an idempotencyKey field')
        const [before, after] = sample.toString().split(key)
        return `{${lua(before!)}, ${lua(after!)}}`
      })
    : []
  const post = spec.body
    ? `
wrk.method = "POST"
wrk.headers["content-type"] = "application/x-www-form-urlencoded"
local bodies = {${bodies.join(',\n')}}
-- LuaJIT's generator starts from the same seed in every run: two runs on one database would
-- send the same keys, and a resent key is answered without a save.
math.randomseed(os.time() + os.clock() * 1000000)
local counter = 0
local run = string.format("%04x%04x", math.random(0, 65535), math.random(0, 65535))
request = function()
  counter = counter + 1
  local key = string.format("%s-%04x-4%03x-8%03x-%012x", run, math.random(0, 65535),
    math.random(0, 4095), math.random(0, 4095), counter)
  local body = bodies[(counter % #bodies) + 1]
  return wrk.format(nil, nil, nil, body[1] .. key .. body[2])
end`
    : ''
  // Which statuses came back: 200 (and 303 for a save) count; everything else is reported.
  return `
wrk.path = ${lua(spec.path)}
${headers}
${post}
-- Each wrk thread has its own Lua state: the counts are gathered from them when done.
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  local f = io.open(${lua(resultFile)}, "w")
  f:write(string.format('{"p99": %f, "errors": %d, "statuses": {', latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  local first = true
  for status, n in pairs(merged) do
    f:write(string.format('%s"%d": %d', first and "" or ",", status, n))
    first = false
  end
  f:write("}}")
  f:close()
end
`
}

/** `connections` clients for `seconds`, on one wrk thread; the counts as the Node loop gives them. */
export async function wrkClosedLoop(
  dir: string,
  port: number,
  spec: Spec,
  connections: number,
  seconds: number,
): Promise<WrkResult> {
  const scriptFile = join(dir, 'wrk.lua')
  const resultFile = join(dir, 'wrk-result.json')
  writeFileSync(scriptFile, script(spec, resultFile))
  const child = spawn(
    'wrk',
    [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '--timeout',
      '10s',
      '-s',
      scriptFile,
      `http://127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error(`wrk failed (${code}): ${stderr}`)
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    p99: number
    errors: number
    statuses: Record<string, number>
  }
  const okStatus = (status: number) => status === 200 || (spec.body !== undefined && status === 303)
  const failed = new Map<number, number>()
  let ok = 0
  for (const [status, n] of Object.entries(result.statuses)) {
    if (okStatus(Number(status))) ok += n
    else failed.set(Number(status), n)
  }
  if (result.errors > 0) failed.set(0, result.errors)
  return { ok, failed, p99: result.p99 }
}
