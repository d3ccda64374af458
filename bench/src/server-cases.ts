/** Every HTTP case `server.ts` can run: a bare route per framework, our adapter on it, and the peer. */
export const serverCases = [
  'node:http-bare',
  'express-bare',
  'express-ours',
  'express-ours-dedupe',
  'koa-bare',
  'koa-ours',
  'koa-ours-dedupe',
  'fastify-bare',
  'fastify-ours',
  'fastify-ours-dedupe',
  'octokit',
] as const

/** One of `serverCases`. */
export type ServerCase = (typeof serverCases)[number]
