import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../support/source-files'

/**
 * The layers stay layers: no module of src/ or views/ imports, directly or
 * through others, a module that imports it back. Type-only imports count too,
 * since they tie the files together for the reader all the same.
 */
const sources = sourceFiles()
const known = new Set(sources.map((file) => file.path))

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const base = normalize(join(dirname(from), specifier))
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (known.has(candidate)) return candidate
  return null
}

const graph = new Map(
  sources.map((file) => [
    file.path,
    [...file.text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)]
      .map((match) => resolve(file.path, match[1]!))
      .filter((path): path is string => path !== null),
  ]),
)

function cycles(): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return found
}

describe('the import graph', () => {
  it('has no cycles', () => {
    expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('has views import nothing from route files', () => {
    const offenders = sources
      .filter((file) => file.path.startsWith('views/'))
      .flatMap((file) =>
        (graph.get(file.path) ?? [])
          .filter((path) => /\.routes\.tsx?$/.test(path))
          .map((path) => `${file.path} → ${path}`),
      )
    expect(offenders).toEqual([])
  })
})
