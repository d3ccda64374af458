/**
 * Proves CONTRIBUTING.md's "Adding an event": in a scratch copy of core, a ninth event is added by exactly those
 * steps, the copy compiles, and every list read from core (names, webhook maps, schemas, validators, JSON Schema
 * files, fixtures, the emitter's names, the receiver) carries it. A list kept by hand anywhere in core's `src`
 * makes one of these assertions fail. Slow (two `tsc` runs and a `tsx` child): generous timeout, no timing.
 */
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const run = promisify(execFile)
const coreDir = fileURLToPath(new URL('../../', import.meta.url))
const rootDir = join(coreDir, '..', '..')
const bin = (name: string) => join(rootDir, 'node_modules', '.bin', name)
const timeout = 600_000

let scratch: string
let copy: string
let halfway: { ok: boolean; output: string }

/** Replaces `anchor` in a file of the copy, failing loudly when the anchor moved (the steps then need updating). */
async function edit(file: string, anchor: string, replacement: string): Promise<void> {
  const path = join(copy, file)
  const text = await readFile(path, 'utf8')
  if (!text.includes(anchor)) throw new Error(`${file} no longer contains ${JSON.stringify(anchor)}`)
  await writeFile(path, text.replace(anchor, replacement))
}

/** `tsc --noEmit` on the copy: its exit code and what it printed. */
async function typecheck(): Promise<{ ok: boolean; output: string }> {
  try {
    await run(bin('tsc'), ['-p', join(copy, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: copy })
    return { ok: true, output: '' }
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${stdout}${stderr}` }
  }
}

// The steps of CONTRIBUTING.md, "Adding an event", for `ticket.opened` (a new group, too).
const step1Schema = `import type { Static } from 'typebox'
import * as Type from 'typebox/type'

/** The body of \`"webhook":"on_ticket_opened"\`. */
export const TicketOpenedPayload = Type.Object({
  webhook: Type.Literal('on_ticket_opened'),
  ticket: Type.Object({ id: Type.Integer(), subject: Type.String() }),
})
export type TicketOpenedPayload = Static<typeof TicketOpenedPayload>
`
const step3Fixture = `import type { TicketOpenedPayload } from '../schemas/ticket-opened-payload.js'

/** A sample \`on_ticket_opened\` body. */
export const ticketOpened: TicketOpenedPayload = { webhook: 'on_ticket_opened', ticket: { id: 7, subject: 'Hello' } }
`

async function step1(): Promise<void> {
  await writeFile(join(copy, 'src/schemas/ticket-opened-payload.ts'), step1Schema)
}

async function step2(): Promise<void> {
  await edit(
    'src/schemas/event-table.ts',
    "import type { TSchema } from 'typebox'\n",
    "import type { TSchema } from 'typebox'\nimport { TicketOpenedPayload } from './ticket-opened-payload.js'\n",
  )
  await edit(
    'src/schemas/event-table.ts',
    "  'user.new': { webhook: 'on_user_new', schema: UserNewPayload },\n",
    "  'user.new': { webhook: 'on_user_new', schema: UserNewPayload },\n  'ticket.opened': { webhook: 'on_ticket_opened', schema: TicketOpenedPayload },\n",
  )
}

async function step3(): Promise<void> {
  await writeFile(join(copy, 'src/fixtures/ticket-opened.ts'), step3Fixture)
  await edit(
    'src/fixtures/index.ts',
    "import { userNew } from './user-new.js'\n",
    "import { ticketOpened } from './ticket-opened.js'\nimport { userNew } from './user-new.js'\n",
  )
  await edit('src/fixtures/index.ts', '  userNew,\n}', '  userNew,\n  ticketOpened,\n}')
  await edit(
    'src/fixtures/index.ts',
    "  'user.new': userNew,\n",
    "  'user.new': userNew,\n  'ticket.opened': ticketOpened,\n",
  )
}

async function step4(): Promise<void> {
  const index = await readFile(join(copy, 'src/index.ts'), 'utf8')
  await writeFile(
    join(copy, 'src/index.ts'),
    `${index}export { TicketOpenedPayload } from './schemas/ticket-opened-payload.js'\n`,
  )
}

/** What the copy's own modules say once the event is added: read in a child, from source, as `pnpm schemas` does. */
const probe = `
import { createJsonSchema, createReceiver, EventNameByWebhook, eventNames, PayloadSchemaByEventName,
  validatePayload, WebhookByEventName } from './src/index.js'
import { ValidatorByEventName } from './src/internal.js'
import { FixtureByEventName } from './src/fixtures/index.js'
import * as fixtures from './src/fixtures/index.js'
import { renderJsonSchemaFiles } from './scripts/write-json-schemas.js'
import { Readable } from 'node:stream'

const receiver = createReceiver({ token: 'probe-token-0123456789' })
const heard = []
receiver.on('ticket.opened', (event) => { heard.push(['ticket.opened', event.webhook]) })
receiver.on('ticket', (event) => { heard.push(['ticket', event.name]) })
const body = JSON.stringify(FixtureByEventName['ticket.opened'])
const response = await receiver.handle({
  method: 'POST',
  url: '/webhooks/blinger?token=probe-token-0123456789',
  headers: { 'content-type': 'application/json' },
  stream: Readable.from([Buffer.from(body)]),
})
const index = createJsonSchema()
console.log(JSON.stringify({
  eventNames,
  webhookByEventName: WebhookByEventName,
  eventNameByWebhook: EventNameByWebhook,
  schemas: Object.keys(PayloadSchemaByEventName),
  validators: Object.keys(ValidatorByEventName),
  fixtures: Object.keys(FixtureByEventName),
  namedFixtures: Object.keys(fixtures),
  jsonSchemaFiles: [...renderJsonSchemaFiles().keys()],
  jsonSchema: createJsonSchema('ticket.opened'),
  indexDefs: Object.keys(index.$defs),
  issues: validatePayload('ticket.opened', FixtureByEventName['ticket.opened']) ?? null,
  status: response.status,
  heard,
}))
`

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'add-an-event-'))
  copy = join(scratch, 'packages', 'core')
  await mkdir(copy, { recursive: true })
  for (const entry of ['src', 'scripts', 'tsconfig.json', 'package.json'])
    await cp(join(coreDir, entry), join(copy, entry), { recursive: true })
  await cp(join(rootDir, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'))
  // The copy resolves its dependencies (typebox, @types/node) from the real install.
  await symlink(join(coreDir, 'node_modules'), join(copy, 'node_modules'), 'dir')
  await symlink(join(rootDir, 'node_modules'), join(scratch, 'node_modules'), 'dir')
  // Both tests read this copy: the type check half-way (schema and row only), then all the steps applied.
  await step1()
  await step2()
  halfway = await typecheck()
  await step3()
  await step4()
}, timeout)

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true })
})

describe('adding an event by the steps of CONTRIBUTING.md', () => {
  test(
    'the compiler points at the fixture until it is there, then the copy compiles',
    async () => {
      expect(halfway.ok).toBe(false)
      // Only the fixtures are left, and the compiler names them: nothing else needs a hand edit.
      const files = new Set([...halfway.output.matchAll(/^(src\/[^(]+)\(/gm)].map((match) => match[1]))
      expect([...files]).toEqual(['src/fixtures/index.ts'])
      expect(halfway.output).toMatch(/ticket\.opened/)
      expect(await typecheck()).toEqual({ ok: true, output: '' })
    },
    timeout,
  )

  test(
    'every list derived from the table carries the new event',
    async () => {
      await writeFile(join(copy, 'probe.ts'), probe)
      const { stdout } = await run(
        bin('tsx'),
        ['--conditions=@blinger-webhooks/source', '--tsconfig', join(copy, 'tsconfig.json'), 'probe.ts'],
        { cwd: copy },
      )
      const seen = JSON.parse(stdout) as Record<string, unknown>
      const nine = expect.arrayContaining(['user.new', 'ticket.opened'])

      expect(seen.eventNames).toHaveLength(9)
      expect(seen.eventNames).toEqual(nine)
      expect(seen.webhookByEventName).toMatchObject({ 'ticket.opened': 'on_ticket_opened' })
      expect(seen.eventNameByWebhook).toMatchObject({ on_ticket_opened: 'ticket.opened' })
      for (const list of ['schemas', 'validators', 'fixtures'] as const)
        expect(seen[list]).toEqual(seen.eventNames)
      expect(seen.namedFixtures).toContain('ticketOpened')
      expect(seen.jsonSchemaFiles).toEqual(expect.arrayContaining(['ticket.opened.json', 'index.json']))
      expect(seen.jsonSchemaFiles).toHaveLength(10)
      expect(seen.jsonSchema).toMatchObject({
        title: 'TicketOpenedPayload',
        description: expect.stringContaining('"webhook":"on_ticket_opened"'),
      })
      expect(seen.indexDefs).toContain('TicketOpenedPayload')
      expect(seen.issues).toBeNull()
      // The receiver validates and emits it, to its name and to its new group.
      expect(seen.status).toBe(200)
      expect(seen.heard).toEqual([
        ['ticket.opened', 'on_ticket_opened'],
        ['ticket', 'ticket.opened'],
      ])
    },
    timeout,
  )
})
