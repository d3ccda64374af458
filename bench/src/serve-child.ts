import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PerformanceObserver } from 'node:perf_hooks'

/**
 * Runs `server` as a bench child (`server.ts`, `ladder-server.ts`): listens on 127.0.0.1 on a free port, sends
 * `{ port }` to the parent over IPC, and answers each `'stats'` message with this process's CPU and GC time.
 */
export function serve(server: Server): void {
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port })
  })
  // GC pauses of this process, summed as V8 reports them (they land a little after the pause itself).
  let gcMs = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration
  }).observe({ entryTypes: ['gc'] })
  // The parent reads this process's CPU and GC time before and after each measured slice.
  process.on('message', (message: unknown) => {
    if (message !== 'stats') return
    const used = process.cpuUsage()
    process.send?.({ cpuMicros: used.user + used.system, gcMicros: gcMs * 1000 })
  })
  // The parent ends this process; if the parent dies first, the IPC channel closes and so do we. Exiting
  // (rather than being killed) lets `--cpu-prof` write its profile.
  process.on('disconnect', () => process.exit(0))
}
