/**
 * `process.memoryUsage()` after a full garbage collection when the process runs with `--expose-gc` (the soak
 * does), else as it is: then only growth far above the noise means anything.
 */
export function settledMemory(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) {
    gc()
    gc()
  }
  return process.memoryUsage()
}
