import { test } from 'vitest'
// The README's platform snippets: imported so that `vitest --typecheck` compiles them too (`pnpm typecheck`
// does through the root tsconfig); readme-snippets.test.ts checks the README holds them verbatim.
import './snippets/bun.js'
import './snippets/deno.js'
import './snippets/hono-workers.js'
import './snippets/next-route.js'
import './snippets/vercel.js'
import './snippets/workers.js'

test('the README snippets compile', () => {})
