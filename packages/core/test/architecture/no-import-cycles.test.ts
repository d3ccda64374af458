import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

// Type imports count too: a circle of types is still a circle a reader has to hold in mind at once.
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')
const importFrom = /(?:^|\n)\s*(?:import|export)\s[^'"]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

/** Each source file (relative to src) → the source files it imports, type imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of filesUnder(src)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(importFrom)].map((match) =>
      relative(src, resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts'))),
    )
    graph.set(relative(src, file), targets)
  }
  return graph
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (state.get(next) === undefined) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (state.get(file) === undefined) visit(file)
  return cycles
}

// The layers below the pipeline: they describe deliveries and keep them, and never know how one is handled.
const lowerLayers = ['schemas/', 'errors/', 'store/', 'emitter/']

test('core has no import cycles, type imports included', () => {
  expect(cyclesOf(importGraph()).map((cycle) => cycle.join(' → '))).toEqual([])
})

test('schemas, errors, store and emitter never import the pipeline', () => {
  const upward = [...importGraph()]
    .filter(([file]) => lowerLayers.some((layer) => file.startsWith(layer)))
    .flatMap(([file, targets]) =>
      targets.filter((target) => target.startsWith('pipeline/')).map((t) => `${file} → ${t}`),
    )
  expect(upward).toEqual([])
})

test('the walk sees the imports it is meant to see', () => {
  const graph = importGraph()
  expect(graph.get('index.ts')?.length).toBeGreaterThan(10)
  expect(
    cyclesOf(
      new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', ['a.ts']],
      ]),
    ),
  ).toEqual([['a.ts', 'b.ts', 'a.ts']])
})
