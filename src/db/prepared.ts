import type { Compilable, CompiledQuery } from 'kysely'
import type { Db, Trx } from './connect'

/** A parameter's place in a query built once; its value is given at each run. */
class Slot {
  constructor(readonly name: string) {}
}

type Compiled = { query: CompiledQuery; slots: (string | null)[] }

/**
 * A query of fixed shape, built and compiled once per dialect, run with new
 * values each time. kysely builds and compiles a query on every call, which
 * costs more than SQLite takes to answer a lookup by key (a three-table join:
 * ~40 µs to build, ~25 µs to run); the queries every request makes use this.
 *
 * `build` receives stand-ins for the parameters and must use each as a value
 * (not in `sql.raw`, not as a list whose length varies).
 */
export function prepared<P extends Record<string, unknown>, O>(
  build: (db: Db | Trx, parameters: P) => Compilable<O>,
): (db: Db | Trx, parameters: P) => Promise<O[]> {
  // Keyed by the dialect's adapter, which a database and its transactions share.
  const compiled = new WeakMap<object, Compiled>()
  const compile = (db: Db | Trx): Compiled => {
    const names = new Map<string, Slot>()
    const standIns = new Proxy({} as P, {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined
        const slot = names.get(name) ?? new Slot(name)
        names.set(name, slot)
        return slot
      },
    })
    const query = build(db, standIns).compile()
    const slots = query.parameters.map((value) => (value instanceof Slot ? value.name : null))
    for (const name of names.keys())
      if (!slots.includes(name))
        throw new Error(`prepared: ${name} is not a parameter of the query`)
    return { query, slots }
  }
  return async (db, parameters) => {
    const adapter = db.getExecutor().adapter
    let entry = compiled.get(adapter)
    if (!entry) {
      entry = compile(db)
      compiled.set(adapter, entry)
    }
    const { query, slots } = entry
    const values = query.parameters.map((value, i) => {
      const name = slots[i]
      return name == null ? value : parameters[name]
    })
    const result = await db.executeQuery<O>({ ...query, parameters: values })
    return result.rows
  }
}
