import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  arbitraryBody,
  createLedger,
  documentedStatuses,
  expectedStatus,
  hookPath,
  type Ledger,
  type RunningApp,
  stacks,
  stacksWithBodyParser,
  startApp,
  within,
} from '../support/index.js'

// The same bodies over real sockets, through core on node:http and through each adapter, bare and behind the
// framework's usual body parser where it has one: 11 apps × 100 cases.
const token = 'socket-prop-token-3c8d1f'
const runs = 100

describe.each(stacks.flatMap((stack) => [false, true].map((bodyParser) => ({ stack, bodyParser }))))(
  '$stack (body parser: $bodyParser)',
  ({ stack, bodyParser }) => {
    let app: RunningApp
    let ledger: Ledger
    beforeAll(async () => {
      app = await startApp(stack, { token }, { bodyParser })
      ledger = createLedger(app.hooks)
    })
    afterAll(() => app.close())

    // node:http and a fetch handler have no body parser to put in front: the bare run is the whole case.
    test.skipIf(bodyParser && !stacksWithBodyParser.has(stack))(
      'arbitrary bodies: a documented status, never a hang, every 200 emitted exactly once',
      async () => {
        await fc.assert(
          fc.asyncProperty(arbitraryBody(), async (raw) => {
            const response = await within(
              fetch(`${app.origin}${hookPath}?token=${token}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: raw,
              }),
              3000,
              'request',
            )
            const text = await response.text()
            expect(documentedStatuses.has(response.status), `${response.status} ${text}`).toBe(true)
            // Without a parser the pipeline sees the bytes, so it must answer exactly as in-process. A framework's
            // parser decides differently on some bodies (it turns invalid UTF-8 into U+FFFD, rejects `"a string"`).
            if (!bodyParser) expect(response.status, text).toBe(expectedStatus(raw))
            expect(ledger.settle(response.status)).toBeUndefined()
            expect(text).not.toContain(token)
          }),
          { numRuns: runs },
        )
        expect(ledger.emittedTwice).toEqual([])
      },
      60_000,
    )
  },
)
