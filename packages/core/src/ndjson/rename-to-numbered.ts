import { nodeFiles } from './node-files.js'

/**
 * Renames `path` to the first free numbered name beside it (`dead-letters.ndjson` → `dead-letters.1.ndjson`,
 * then `.2`, …) and returns that name. Never replaces a file: the new name is made with `link`, which fails when
 * it exists, and `rename` is used only where the file system has no hard links.
 */
export function renameToNumbered(path: string): string {
  const extension = nodeFiles().extname(path)
  const base = path.slice(0, path.length - extension.length)
  for (let n = 1; ; n++) {
    const candidate = `${base}.${n}${extension}`
    if (nodeFiles().existsSync(candidate)) continue
    try {
      nodeFiles().linkSync(path, candidate)
    } catch (error) {
      if (codeOf(error) === 'EEXIST') continue
      if (codeOf(error) === 'ENOENT') throw error
      nodeFiles().renameSync(path, candidate)
      return candidate
    }
    nodeFiles().unlinkSync(path)
    return candidate
  }
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code
}
