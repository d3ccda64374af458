/**
 * The rungs of the HTTP ladder (`pnpm bench:ladder`): per server, from the bare route to our adapter with
 * default options and an async listener, one change per rung, and a control. Pure data; `ladder-server.ts`
 * builds each as a route of one process.
 */

/** The servers the ladder climbs: every adapter `pnpm bench` sets a goal for. */
export const ladderServers = ['node', 'fastify', 'koa', 'express'] as const
export type LadderServer = (typeof ladderServers)[number]
/** Each server's name in the tables' headings. */
export const ladderTitles: Record<LadderServer, string> = {
  node: 'node:http',
  fastify: 'Fastify',
  koa: 'Koa',
  express: 'Express',
}

/** What a rung's server runs besides the receiver options: how it reads and answers, and its listener. */
export type RungKind = 'bare' | 'read' | 'handle' | 'adapter' | 'spin' | 'least'
export type ListenerKind = 'none' | 'sync' | 'async'

/** The receiver options a rung sets: only what differs from the defaults. */
export interface RungOptions {
  readonly allowUnauthenticated?: true
  readonly token?: string
  readonly validation?: 'off'
  readonly dedupe?: false
  readonly deadLetters?: false
}

/** One rung: its id (`node-R3`), what it adds to the rung below, and the option that takes that cost away. */
export interface Rung {
  readonly id: string
  readonly server: LadderServer
  readonly index: number
  /** The rung this one is paired with (the one below it), `undefined` for the bottom rung. */
  readonly below: string | undefined
  readonly kind: RungKind
  /** For a `spin` rung, the µs of known work its bare route does per request (`spin.ts`); 0 otherwise. */
  readonly spinMicros: number
  readonly options: RungOptions
  readonly listener: ListenerKind
  /** What this rung adds to the previous one, for the tables. */
  readonly change: string
  /** The option that removes this rung's cost, or how it could be avoided; `undefined` for the frame itself. */
  readonly removedBy: string | undefined
}

// Every feature off: no token check, no schema check, no dedupe, and lost deliveries (there is no listener
// yet) are not reported as dead letters, so rungs without a listener do not write a warning per request.
const featuresOff: RungOptions = {
  allowUnauthenticated: true,
  validation: 'off',
  dedupe: false,
  deadLetters: false,
}

interface Feature {
  readonly change: string
  readonly removedBy: string
  readonly apply: (options: RungOptions, token: string) => RungOptions
  readonly listener?: ListenerKind
}

const without = (options: RungOptions, key: keyof RungOptions): RungOptions => {
  const { [key]: _dropped, ...rest } = options
  return rest
}

/** The features, added one per rung in this order on top of `featuresOff`. */
const features: readonly Feature[] = [
  {
    change: '+ token (`?token=` checked)',
    removedBy: '`allowUnauthenticated: true` (only behind something that authenticates)',
    apply: (o, token) => ({ ...without(o, 'allowUnauthenticated'), token }),
  },
  {
    change: '+ strict validation (the default)',
    removedBy: "`validation: 'off'`",
    apply: (o) => without(o, 'validation'),
  },
  {
    change: '+ dedupe (the default memory store)',
    removedBy: '`dedupe: false` (or an idempotent handler)',
    apply: (o) => without(o, 'dedupe'),
  },
  {
    change: '+ a sync listener (dead letters back to the default)',
    removedBy: 'none: the delivery is handled',
    apply: (o) => without(o, 'deadLetters'),
    listener: 'sync',
  },
  {
    change: 'an async listener instead: default options, what `pnpm bench` runs',
    removedBy: 'a listener that is not `async`',
    apply: (o) => o,
    listener: 'async',
  },
]

// The bare routes are `pnpm bench`'s (`server.ts`): each framework with the JSON body parser its users mount.
// node:http and Fastify split the frame as the issue asks: the body reading, the call into `handle()`, the answer.
/** The rungs below the features: how each server is reached before any feature is on. */
const frames: Record<LadderServer, readonly { kind: RungKind; change: string }[]> = {
  node: [
    { kind: 'bare', change: "bare node:http: `'data'` events, concat, `JSON.parse`, a fixed 200" },
    { kind: 'handle', change: "core's `handle({ stream: req })`, every feature off, answer written by hand" },
    {
      kind: 'adapter',
      change: "the node adapter: path match, the answer from the pipeline's callback (`responderOf`)",
    },
  ],
  fastify: [
    { kind: 'bare', change: "bare Fastify route, Fastify's JSON parser, `{ ok: true }`" },
    {
      kind: 'read',
      change:
        "the body read by hand from `request.raw` (`'data'` events, concat, `JSON.parse`), not Fastify's parser",
    },
    {
      kind: 'handle',
      change:
        "core's `handle({ stream: request.raw })`, every feature off, `{ ok: true }` returned as R0 does",
    },
    {
      kind: 'adapter',
      change: "our Fastify plugin: the answer from the pipeline's callback (`reply.code().headers().send()`)",
    },
  ],
  koa: [
    { kind: 'bare', change: 'bare Koa, `@koa/bodyparser`, `ctx.body = { ok: true }`' },
    { kind: 'adapter', change: 'our Koa middleware, every feature off' },
  ],
  express: [
    { kind: 'bare', change: 'bare Express route, `express.json()`, `res.json({ ok: true })`' },
    { kind: 'adapter', change: 'our Express middleware, every feature off' },
  ],
}

/** Every rung of `server`, bottom first; each one change on the previous. */
export function rungsOf(server: LadderServer, token: string): Rung[] {
  const rungs: Rung[] = frames[server].map(({ kind, change }, index) => ({
    id: `${server}-R${index}`,
    server,
    index,
    below: index === 0 ? undefined : `${server}-R${index - 1}`,
    kind,
    spinMicros: 0,
    options: kind === 'bare' || kind === 'read' ? {} : featuresOff,
    listener: 'none',
    change,
    removedBy: undefined,
  }))
  for (const feature of features) {
    const below = rungs.at(-1) as Rung
    rungs.push({
      ...below,
      id: `${server}-R${rungs.length}`,
      index: rungs.length,
      below: below.id,
      options: feature.apply(below.options, token),
      listener: feature.listener ?? below.listener,
      change: feature.change,
      removedBy: feature.removedBy,
    })
  }
  return rungs
}

/**
 * The bottom rung a second time, paired with it: a step that changes nothing, so what it reads is the method's
 * noise, the size a real step must beat.
 */
export function controlOf(rungs: readonly Rung[]): Rung {
  const bottom = rungs[0] as Rung
  return {
    ...bottom,
    id: `${bottom.id}-again`,
    index: rungs.length,
    below: bottom.id,
    change: `control: ${bottom.id.slice(bottom.server.length + 1)} again, a second route of the same code (a step of nothing: the noise)`,
    removedBy: undefined,
  }
}

/**
 * What the ladder climbs: the features (`ladder`), known work (`calibrate`: `calibrationOf`), or the frame beside
 * the least receiver and known work (`gauge`: `gaugeOf`).
 */
export const ladderModes = ['ladder', 'calibrate', 'gauge'] as const
export type LadderMode = (typeof ladderModes)[number]

const routesByMode: Record<LadderMode, (server: LadderServer, token: string) => Rung[]> = {
  ladder: rungsOf,
  calibrate: calibrationOf,
  gauge: gaugeOf,
}

/** One server's rungs as the routes of each of its processes: the rungs of `mode` and their control. */
export function routesOf(server: LadderServer, token: string, mode: LadderMode = 'ladder'): Rung[] {
  const rungs = routesByMode[mode](server, token)
  return [...rungs, controlOf(rungs)]
}

/** The routes of every server asked for, in one list (node's first). */
export function ladderOf(
  servers: readonly LadderServer[],
  token: string,
  mode: LadderMode = 'ladder',
): Rung[] {
  return servers.flatMap((server) => routesOf(server, token, mode))
}

/** The work of the calibration ladder's rungs, in µs per request: each rung's total, on the bare route. */
export const calibrationSpins = [1, 2, 4, 8] as const

/**
 * The calibration ladder (`--calibrate`): the bare route, then the same route doing 1, 2, 4 and 8 µs of known
 * work per request (`spin.ts`: native, no allocation, no I/O), so what each step measures beyond the work is
 * what the HTTP measurement itself adds to any extra work: the price a server pays for being slower.
 */
export function calibrationOf(server: LadderServer): Rung[] {
  const [bare] = rungsOf(server, '')
  const bottom = { ...(bare as Rung), id: `${server}-C0` }
  return [
    bottom,
    ...calibrationSpins.map((spinMicros, k): Rung => {
      const added = spinMicros - (k === 0 ? 0 : (calibrationSpins[k - 1] as number))
      return {
        ...bottom,
        id: `${server}-C${k + 1}`,
        index: k + 1,
        below: `${server}-C${k}`,
        kind: 'spin',
        spinMicros,
        change: `the bare route with ${spinMicros} µs of known work per request (+${added} µs)`,
      }
    }),
  ]
}

/** The known work of the gauge's rungs, in µs per request, each rung paired with the bare route. */
export const gaugeSpins = [1, 2, 4] as const

/**
 * The frame against known work (`--frame --calibrate`): the frame's rungs, the frame whole (its top rung again as
 * a route of its own), the least receiver that keeps what the frame keeps (`least-receiver.ts`), and the bare route
 * with 1, 2 and 4 µs of known work, the last five each paired with the bare route. So one run prices the frame, and
 * a floor under any frame, in µs of known work measured beside them (`docs/performance.md`, "The measurement's
 * own price").
 */
export function gaugeOf(server: LadderServer, token: string): Rung[] {
  const frame = rungsOf(server, token).filter((rung) => rung.removedBy === undefined)
  const bottom = frame[0] as Rung
  const top = frame.at(-1) as Rung
  const whole: Rung = {
    ...top,
    id: `${server}-frame`,
    index: frame.length,
    below: bottom.id,
    change: `the frame whole: ${top.id.slice(server.length + 1)} again, a route of its own, paired with R0`,
  }
  const least: Rung = {
    ...bottom,
    id: `${server}-least`,
    index: frame.length + 1,
    below: bottom.id,
    kind: 'least',
    change:
      'the least receiver that keeps what the frame keeps, inline (`least-receiver.ts`), paired with R0',
  }
  const work = gaugeSpins.map(
    (spinMicros, k): Rung => ({
      ...bottom,
      id: `${server}-W${spinMicros}`,
      index: frame.length + 2 + k,
      below: bottom.id,
      kind: 'spin',
      spinMicros,
      change: `the bare route with ${spinMicros} µs of known work per request, paired with R0`,
    }),
  )
  return [...frame, whole, least, ...work]
}
