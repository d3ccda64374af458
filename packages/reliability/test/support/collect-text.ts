/**
 * Every string reachable from `value`, joined: property names and values, error messages, stacks and causes,
 * `AggregateError.errors`, getters included. What a log line or a careless `JSON.stringify` could show.
 */
export function collectText(value: unknown): string {
  const out: string[] = []
  const seen = new Set<unknown>()
  const visit = (node: unknown, depth: number) => {
    if (depth > 64) return
    if (typeof node === 'string') out.push(node)
    else if (typeof node === 'number' || typeof node === 'bigint' || typeof node === 'boolean')
      out.push(String(node))
    else if (node instanceof Date)
      out.push(Number.isNaN(node.getTime()) ? 'Invalid Date' : node.toISOString())
    else if (typeof node === 'object' && node !== null && !seen.has(node)) {
      seen.add(node)
      if (node instanceof Error) {
        out.push(node.name, node.message, node.stack ?? '', String(node))
        visit(node.cause, depth + 1)
        if (node instanceof AggregateError) visit(node.errors, depth + 1)
      }
      let target: object | null = node
      // Own keys and inherited getters (such as `event.signal`), up to Object.prototype.
      while (target !== null && target !== Object.prototype && target !== Error.prototype) {
        for (const key of Reflect.ownKeys(target)) {
          if (typeof key === 'string') out.push(key)
          let child: unknown
          try {
            child = Reflect.get(node, key)
          } catch {
            continue
          }
          if (typeof child !== 'function') visit(child, depth + 1)
        }
        target = Object.getPrototypeOf(target) as object | null
      }
    }
  }
  visit(value, 0)
  return out.join('\n')
}
