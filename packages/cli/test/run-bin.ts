import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const entry = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

let bundled: Promise<{ dir: string; file: string }> | undefined

/**
 * Bundles src/cli.ts, with the workspace packages' source, into one file, once per test file: the way
 * `pnpm build` makes dist/cli.js, without needing a build first. A child then starts in about 0.2 s rather
 * than the seconds tsx takes to compile on each start.
 */
function bundle(): Promise<{ dir: string; file: string }> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blinger-cli-bin-'))
    await build({
      entry: { cli: entry },
      outDir: dir,
      format: ['esm'],
      platform: 'node',
      target: 'node20',
      noExternal: [/.*/],
      silent: true,
      config: false,
      dts: false,
      esbuildOptions(options) {
        options.conditions = ['@blinger-webhooks/source']
        // Bundled CommonJS dependencies (commander) call require(); give the ESM bundle one.
        options.banner = {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        }
      },
    })
    return { dir, file: join(dir, 'cli.js') }
  })()
  return bundled
}

/** Removes the bundle; call in `afterAll`. */
export async function removeBundle(): Promise<void> {
  if (bundled !== undefined) await rm((await bundled).dir, { recursive: true, force: true })
}

export interface BinResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `blinger-webhooks …` as a child process (stdout and stderr are pipes, so not a TTY). Killed after
 * 10 s, so a hang fails the test rather than the run.
 */
export async function runBin(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; closeStdoutEarly?: boolean } = {},
): Promise<BinResult> {
  const { file } = await bundle()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      timeout: 10_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      // Like `| head -1`: the reader goes away while the CLI is still writing.
      if (options.closeStdoutEarly === true) child.stdout.destroy()
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
