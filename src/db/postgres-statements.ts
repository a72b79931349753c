import pg from 'pg'

/** Texts seen this often on one connection are prepared there once, by name. */
const preparedAfter = 2
/** At most this many prepared statements per connection; texts past it run unnamed as before. */
const maxPrepared = 300
/** At most this many texts counted per connection before they are named (one-off texts pass by). */
const maxCounted = 2000

/**
 * A pg client that prepares the statements it runs again and again: PostgreSQL then parses and
 * plans each once per connection instead of for every run, which was most of its CPU per page
 * (kysely sends every query as an unnamed statement). Only parameterised statements are named;
 * `begin` and `commit` go as before.
 *
 * A prepared statement whose result's columns change under it (a migration adding a column
 * while this process runs, in a rolling upgrade) fails with 0A000; the text then gets a new
 * name on this connection, and outside a transaction the statement is run again at once, so
 * the reader sees nothing. Inside one the error stands (PostgreSQL has aborted the transaction
 * already) and the change fails as any interrupted change does, once.
 */
export class PreparingClient extends pg.Client {
  #names = new Map<string, string>()
  #counts = new Map<string, number>()
  #next = 0
  #inTransaction = false

  constructor(config?: string | pg.ClientConfig) {
    super(config)
    // pg's query() has many overloads; only (text, values) — the form kysely uses — is named.
    const plain = super.query.bind(this) as (...args: unknown[]) => unknown
    this.query = ((...args: unknown[]) => this.#run(plain, args)) as pg.Client['query']
  }

  #run(plain: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const [text, values] = args
    if (typeof text === 'string') this.#follow(text)
    if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values) || !values.length)
      return plain(...args)
    const name = this.#nameFor(text)
    if (!name) return plain(...args)
    const inTransaction = this.#inTransaction
    return (plain({ name, text, values }) as Promise<unknown>).catch((error: { code?: string }) => {
      if (error?.code !== '0A000') throw error
      this.#names.delete(text)
      if (inTransaction) throw error
      return plain(text, values)
    })
  }

  /** Whether a transaction is open, from the statements kysely sends to open and end one. */
  #follow(text: string) {
    const start = text.slice(0, 17).toLowerCase()
    if (start === 'begin' || start.startsWith('start transaction')) this.#inTransaction = true
    else if (start === 'commit' || start === 'rollback') this.#inTransaction = false
  }

  #nameFor(text: string): string | undefined {
    const known = this.#names.get(text)
    if (known) return known
    if (this.#names.size >= maxPrepared) return undefined
    const seen = (this.#counts.get(text) ?? 0) + 1
    if (seen < preparedAfter) {
      if (this.#counts.size >= maxCounted) this.#counts.clear()
      this.#counts.set(text, seen)
      return undefined
    }
    this.#counts.delete(text)
    const name = `laget_${++this.#next}`
    this.#names.set(text, name)
    return name
  }
}
