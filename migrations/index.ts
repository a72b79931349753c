import * as createFoundation from './2026-11-22-1400-create-foundation'

// Every migration, by name. Names sort by date; add new ones at the end.
export const migrations = {
  '2026-11-22-1400-create-foundation': createFoundation,
}
