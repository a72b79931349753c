import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(root, path)).isDirectory()
      ? files(path)
      : /\.tsx?$/.test(name)
        ? [path]
        : []
  })

/** The application's source files (src/ and views/), by path from the project's root, with their text. */
export const sourceFiles = (): { path: string; text: string }[] =>
  [...files('src'), ...files('views')].map((path) => ({
    path,
    text: readFileSync(join(root, path), 'utf8'),
  }))
