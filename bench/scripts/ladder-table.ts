/**
 * Prints the docs tables of a ladder run again from its results, e.g. after `docs/performance.md`'s layout
 * changed, without measuring anew:
 *
 *   tsx scripts/ladder-table.ts [results-ladder.json]
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ladderServers, ladderTitles } from '../src/ladder-rungs.js'
import { ladderTable, type MeasuredRung } from '../src/ladder-table.js'

const file = process.argv[2] ?? fileURLToPath(new URL('../results-ladder.json', import.meta.url))
const results = JSON.parse(readFileSync(file, 'utf8')) as {
  date: string
  machine: { node: string }
  loadBefore: number[]
  loadAfter: number[]
  /** Absent from runs before wrk: those ran autocannon. */
  loadGenerator?: string
  rungs: MeasuredRung[]
}
console.log(
  `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC, Node ${results.machine.node}, load average ${results.loadBefore[0]?.toFixed(2)} → ${results.loadAfter[0]?.toFixed(2)}, load from ${results.loadGenerator ?? 'autocannon'}.`,
)
for (const server of ladderServers) {
  const rows = results.rungs.filter((m) => m.rung.server === server)
  if (rows.length === 0) continue
  console.log(`\n### ${ladderTitles[server]}\n`)
  console.log(ladderTable(rows))
}
