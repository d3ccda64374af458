/**
 * Every HTTP case `server.ts` can run: a bare route per framework, our adapter on it, and the peer.
 * `-ours` runs with default options (dedupe on, strict validation), one async listener, a distinct body on
 * every request. `-dedupe-off` turns dedupe off; `-duplicate` sends one body again and again, so after the
 * first request every delivery takes the duplicate path.
 */
export const serverCases = [
  'node:http-bare',
  'node-ours',
  'node-ours-dedupe-off',
  'node-ours-duplicate',
  'fastify-bare',
  'fastify-ours',
  'fastify-ours-dedupe-off',
  'fastify-ours-duplicate',
  'koa-bare',
  'koa-ours',
  'express-bare',
  'express-ours',
  'hono-bare',
  'hono-ours',
  'octokit',
] as const

/** One of `serverCases`. */
export type ServerCase = (typeof serverCases)[number]

/** The bare route a case is compared with (itself for a bare case), or `undefined` for octokit. */
export function bareOf(name: ServerCase): ServerCase | undefined {
  if (name === 'octokit') return undefined
  const framework = name.slice(0, name.indexOf('-'))
  return (framework === 'node' ? 'node:http-bare' : `${framework}-bare`) as ServerCase
}

/** The package a case needs built, if it is one of ours. */
export function adapterOf(name: ServerCase): string | undefined {
  if (!name.includes('-ours')) return undefined
  const framework = name.slice(0, name.indexOf('-'))
  return `@blinger-webhooks/${framework === 'hono' ? 'fetch' : framework}`
}

/** Whether the case gets one body every time (the duplicate path; octokit signs its one body). */
export const repeatsOneBody = (name: ServerCase): boolean => name.endsWith('-duplicate') || name === 'octokit'

/**
 * The processes `pnpm bench` runs, each serving its cases as routes: one per framework, with octokit beside every
 * framework that has an adapter of ours, so each case is compared with its bare route and with octokit within one
 * process (`pairing.ts`). Cases in `cases` order.
 */
export function processGroupsOf(cases: readonly ServerCase[]): ServerCase[][] {
  const groups = new Map<string, ServerCase[]>()
  for (const name of cases) {
    const bare = bareOf(name)
    if (bare !== undefined) groups.set(bare, [...(groups.get(bare) ?? []), name])
  }
  const list = [...groups.values()]
  if (!cases.includes('octokit')) return list
  const withOctokit = list.map((group) =>
    group.some((name) => name.includes('-ours')) ? [...group, 'octokit' as const] : group,
  )
  return withOctokit.some((group) => group.includes('octokit')) ? withOctokit : [...withOctokit, ['octokit']]
}
