import { describe, expect, test } from 'vitest'
import {
  calibrationOf,
  gaugeOf,
  ladderModes,
  ladderOf,
  ladderServers,
  type Rung,
  routesOf,
  rungsOf,
} from '../src/ladder-rungs.js'

describe('rungsOf', () => {
  test('node climbs from bare through handle() and the adapter to default options and an async listener', () => {
    const rungs = rungsOf('node', 't')
    expect(rungs.map((r) => r.id)).toEqual([
      'node-R0',
      'node-R1',
      'node-R2',
      'node-R3',
      'node-R4',
      'node-R5',
      'node-R6',
      'node-R7',
    ])
    expect(rungs.map((r) => r.kind)).toEqual([
      'bare',
      'handle',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
    ])
    expect(rungs[1]?.options).toEqual({
      allowUnauthenticated: true,
      validation: 'off',
      dedupe: false,
      deadLetters: false,
    })
    expect(rungs[3]?.options).toEqual({ token: 't', validation: 'off', dedupe: false, deadLetters: false })
    expect(rungs[4]?.options).toEqual({ token: 't', dedupe: false, deadLetters: false })
    expect(rungs[5]?.options).toEqual({ token: 't', deadLetters: false })
    // The top rungs run with the defaults and only the token set, as `pnpm bench` runs `node-ours`.
    expect(rungs[6]?.options).toEqual({ token: 't' })
    expect(rungs[7]?.options).toEqual({ token: 't' })
    expect(rungs.map((r) => r.listener)).toEqual([
      'none',
      'none',
      'none',
      'none',
      'none',
      'none',
      'sync',
      'async',
    ])
  })
  test("Fastify's frame in three rungs: the body read by hand, then handle(), then the plugin's answer", () => {
    const rungs = rungsOf('fastify', 't')
    expect(rungs.map((r) => r.kind)).toEqual([
      'bare',
      'read',
      'handle',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
    ])
    // Nothing of ours runs until `handle()`: the read rung sets no option either.
    expect(rungs[1]?.options).toEqual({})
    expect(rungs[2]?.options).toEqual(rungsOf('node', 't')[1]?.options)
    expect(rungs.at(-1)).toMatchObject({ id: 'fastify-R8', options: { token: 't' }, listener: 'async' })
  })
  test('Koa and Express: their bare route with its usual body parser, then our middleware, then the features', () => {
    for (const server of ['koa', 'express'] as const) {
      const rungs = rungsOf(server, 't')
      expect(rungs.map((r) => r.kind)).toEqual(['bare', ...Array(6).fill('adapter')])
      expect(rungs[0]?.options).toEqual({})
      expect(rungs[1]?.options).toEqual(rungsOf('node', 't')[1]?.options)
      expect(rungs.at(-1)).toMatchObject({ id: `${server}-R6`, options: { token: 't' }, listener: 'async' })
    }
    expect(rungsOf('koa', 't')[0]?.change).toContain('@koa/bodyparser')
    expect(rungsOf('express', 't')[0]?.change).toContain('express.json()')
  })
  test('every feature rung names the option that removes its cost; the frame rungs do not', () => {
    const frames = { node: 3, fastify: 4, koa: 2, express: 2 }
    for (const rung of ladderServers.flatMap((server) => rungsOf(server, 't')))
      expect(rung.removedBy !== undefined, rung.id).toBe(rung.index >= frames[rung.server])
  })
  test('ladderOf lists the routes of the servers asked for, in order, each ladder with its control', () => {
    expect(ladderOf(['fastify'], 't').map((r) => r.server)).toEqual(Array(10).fill('fastify'))
    expect(ladderOf(['node', 'fastify'], 't')).toHaveLength(19)
    expect(ladderOf(ladderServers, 't').map((r) => r.server)[0]).toBe('node')
    expect(ladderOf(ladderServers, 't')).toHaveLength(35)
    expect(ladderOf(['koa'], 't', 'calibrate').map((r) => r.id)).toEqual([
      ...calibrationOf('koa').map((r) => r.id),
      'koa-C0-again',
    ])
  })
})

describe('routesOf', () => {
  test("a server's routes end with the control: its bottom rung again, under its own id, paired with it", () => {
    for (const server of ladderServers)
      for (const mode of ladderModes) {
        const routes = routesOf(server, 't', mode)
        const [bottom] = routes
        const control = routes.at(-1) as Rung
        expect(control).toMatchObject({
          id: `${bottom?.id}-again`,
          below: bottom?.id,
          kind: bottom?.kind,
          spinMicros: 0,
          options: bottom?.options,
          listener: 'none',
          index: routes.length - 1,
          removedBy: undefined,
        })
        expect(control.change).toMatch(/^control: (R|C)0 again/)
        expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length)
      }
  })
})

describe('calibrationOf', () => {
  test("each server's bare route, then the same route with 1, 2, 4 and 8 µs of known work, each paired with the one below", () => {
    for (const server of ladderServers) {
      const rungs = calibrationOf(server)
      expect(rungs.map((r) => r.id)).toEqual([0, 1, 2, 3, 4].map((k) => `${server}-C${k}`))
      expect(rungs.map((r) => r.below)).toEqual([undefined, ...[0, 1, 2, 3].map((k) => `${server}-C${k}`)])
      expect(rungs.map((r) => r.kind)).toEqual(['bare', 'spin', 'spin', 'spin', 'spin'])
      expect(rungs.map((r) => r.spinMicros)).toEqual([0, 1, 2, 4, 8])
      // The bottom rung is the ladder's own R0 under another id: the same bare route `pnpm bench` measures.
      const { id: _c, ...bottom } = rungs[0] as Rung
      const { id: _r, ...bare } = rungsOf(server, 't')[0] as Rung
      expect(bottom).toEqual(bare)
      expect(rungs.every((r) => r.options === rungs[0]?.options && r.listener === 'none')).toBe(true)
    }
    expect(calibrationOf('node')[3]?.change).toContain('4 µs of known work per request (+2 µs)')
  })
})

describe('below', () => {
  test('every ladder rung but the bottom one is paired with the rung under it', () => {
    for (const server of ladderServers)
      for (const rung of rungsOf(server, 't'))
        expect(rung.below).toBe(rung.index === 0 ? undefined : `${server}-R${rung.index - 1}`)
  })
})

describe('gaugeOf', () => {
  test('the frame, the frame whole, the least receiver, 1, 2 and 4 µs of known work, the last five over bare', () => {
    const rungs = gaugeOf('fastify', 't')
    expect(rungs.map((r) => r.id)).toEqual([
      'fastify-R0',
      'fastify-R1',
      'fastify-R2',
      'fastify-R3',
      'fastify-frame',
      'fastify-least',
      'fastify-W1',
      'fastify-W2',
      'fastify-W4',
    ])
    expect(rungs.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    const [bare, , , top, whole, least, ...work] = rungs
    expect(least).toMatchObject({ kind: 'least', below: 'fastify-R0', options: {}, listener: 'none' })
    // The frame whole is the plugin again, every feature off, paired with bare rather than with the rung below.
    expect(whole).toMatchObject({ kind: 'adapter', options: top?.options, below: 'fastify-R0' })
    expect(whole?.change).toContain('R3 again')
    for (const rung of work)
      expect(rung).toMatchObject({
        kind: 'spin',
        below: 'fastify-R0',
        options: bare?.options,
        listener: 'none',
      })
    expect(work.map((r) => r.spinMicros)).toEqual([1, 2, 4])
    expect(
      gaugeOf('node', 't')
        .map((r) => r.id)
        .slice(0, 4),
    ).toEqual(['node-R0', 'node-R1', 'node-R2', 'node-frame'])
  })
})
