/**
 * Profiles the pipeline: runs `profile-workload.ts` under `node --cpu-prof` and prints the top functions by
 * self time. Profiles go to `bench/profiles/` (git-ignored).
 *
 *   pnpm --filter bench profile [small|large] [strict|off] [seconds]
 * Set BENCH_SOURCE=1 to profile core's TypeScript source instead of its built `dist`.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatTop, latestProfile, summarize } from './top-self-time.js'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const dir = join(root, 'profiles')
mkdirSync(dir, { recursive: true })
const [size = 'small', validation = 'strict', seconds = '5'] = process.argv.slice(2)
const conditions = process.env.BENCH_SOURCE === '1' ? ['--conditions=@blinger-webhooks/source'] : []
const started = Date.now()
execFileSync(
  process.execPath,
  [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--cpu-prof-interval=100',
    ...conditions,
    '--import',
    'tsx',
    join(root, 'scripts/profile-workload.ts'),
    size,
    validation,
    seconds,
  ],
  { stdio: 'inherit', cwd: root, env: { ...process.env, PROFILE_WINDOW: join(dir, 'window.json') } },
)
const latest = latestProfile(dir, started)
console.log(`\n${latest}\n`)
const window = JSON.parse(readFileSync(join(dir, 'window.json'), 'utf8'))
console.log(formatTop(summarize(JSON.parse(readFileSync(latest, 'utf8')), window), 25))
