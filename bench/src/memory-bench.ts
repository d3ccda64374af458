import { fork } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { MemoryResult } from './memory.js'

/** Runs `memory.ts` in a child with `--expose-gc` and returns its curve. */
export async function runMemoryBench(deliveries: number, step: number): Promise<MemoryResult> {
  const entry = fileURLToPath(new URL('./memory.ts', import.meta.url))
  const child = fork(entry, [String(deliveries), String(step)], {
    execArgv: [
      '--expose-gc',
      ...process.execArgv.filter((a) => a.startsWith('--conditions')),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [[result]] = (await Promise.all([once(child, 'message'), once(child, 'exit')])) as [
    [MemoryResult],
    unknown,
  ]
  return result
}
