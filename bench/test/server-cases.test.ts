import { describe, expect, test } from 'vitest'
import { processGroupsOf, serverCases } from '../src/server-cases.js'

describe('processGroupsOf', () => {
  test('puts each framework in a process of its own, with its bare route and octokit beside our adapter', () => {
    expect(processGroupsOf(serverCases)).toEqual([
      ['node:http-bare', 'node-ours', 'node-ours-dedupe-off', 'node-ours-duplicate', 'octokit'],
      ['fastify-bare', 'fastify-ours', 'fastify-ours-dedupe-off', 'fastify-ours-duplicate', 'octokit'],
      ['koa-bare', 'koa-ours', 'octokit'],
      ['express-bare', 'express-ours', 'octokit'],
      ['hono-bare', 'hono-ours', 'octokit'],
    ])
  })
  test('adds octokit only where an adapter of ours is measured, and alone when none is', () => {
    expect(processGroupsOf(['koa-bare', 'node:http-bare', 'node-ours', 'octokit'])).toEqual([
      ['koa-bare'],
      ['node:http-bare', 'node-ours', 'octokit'],
    ])
    expect(processGroupsOf(['koa-bare', 'octokit'])).toEqual([['koa-bare'], ['octokit']])
    expect(processGroupsOf(['node-ours', 'node:http-bare'])).toEqual([['node-ours', 'node:http-bare']])
  })
})
