/** Resolves like `task`, or rejects once `ms` have passed: turns a hang into a failing test, never a stuck one. */
export async function within<T>(task: Promise<T>, ms: number, what = 'task'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([task, deadline])
  } finally {
    clearTimeout(timer)
  }
}
