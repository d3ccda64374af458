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
