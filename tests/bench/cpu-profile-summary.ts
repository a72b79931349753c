// Where the CPU went in a V8 .cpuprofile (node --cpu-prof): by function, inclusive and self time.
import { readFileSync } from 'node:fs'

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const keyOf = (frame: ProfileNode['callFrame']) =>
  `${frame.functionName || '(anon)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`

/** Prints the top functions of a profile; inclusive time only for the server's own code unless `all`. */
export function printProfileSummary(file: string, { all = false, top = 40 } = {}): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const ownKey = keyOf(byId.get(id)!.callFrame)
    self.set(ownKey, (self.get(ownKey) ?? 0) + dt)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(byId.get(at)!.callFrame)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
    }
  })
  const print = (entries: [string, number][]) => {
    for (const [key, us] of entries.sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(((us / total) * 100).toFixed(1).padStart(5), '%', key)
  }
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms sampled`)
  console.log('\nInclusive (server code):')
  print([...inclusive.entries()].filter(([key]) => all || key.includes('server.mjs')))
  console.log('\nSelf:')
  print([...self.entries()])
}

// tsx tests/bench/cpu-profile-summary.ts <file.cpuprofile>…
if (import.meta.url === `file://${process.argv[1]}`)
  for (const file of process.argv.slice(2)) printProfileSummary(file, { all: !!process.env.ALL })
