// Serves runtimes/app.ts on Bun, Deno and workerd for the tests that deliver to it: their npm packages carry
// the binaries, workerd runs through miniflare with `nodejs_compat`.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { build, stop as stopEsbuild } from 'esbuild'
import { Miniflare } from 'miniflare'

export type Send = (path: string, init?: RequestInit) => Promise<Response>

/** The app served on one runtime: `send` reaches it, `stop` ends it. */
export interface ServedApp {
  send: Send
  stop(): Promise<void>
}

export type Runtime = 'bun' | 'deno' | 'workerd'

const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url))

/** Bundles the app into a temporary folder; `remove` deletes it. */
export async function bundleApp(): Promise<{ dir: string; bundle: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fetch-runtimes-'))
  const bundle = join(dir, 'app.mjs')
  // One ESM file for all three: node: built-ins stay imports, as Workers' nodejs_compat provides them.
  await build({
    entryPoints: [fileURLToPath(new URL('./app.ts', import.meta.url))],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['@blinger-webhooks/source'],
    mainFields: ['module', 'main'],
    external: ['node:*'],
    logLevel: 'error',
  })
  // esbuild's service process would keep the test worker alive.
  await stopEsbuild()
  return { dir, bundle, remove: () => rm(dir, { recursive: true, force: true }) }
}

const serverScripts = {
  bun: {
    args: ['run'],
    script: `import app from './app.mjs'
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch })
console.log('listening ' + server.port)`,
  },
  deno: {
    args: ['run', '--allow-net=127.0.0.1', '--no-prompt'],
    script: `import app from './app.mjs'
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log('listening ' + port) }, app.fetch)`,
  },
}

/** Serves the bundle in `dir` on `runtime`, once it listens. */
export function serveApp(runtime: Runtime, dir: string): Promise<ServedApp> {
  return runtime === 'workerd' ? serveOnWorkerd(dir) : serveOnServer(runtime, dir)
}

/**
 * Runs a server script beside the bundle, waits for it to print `listening <port>` and reaches it over
 * loopback.
 */
async function serveOnServer(command: 'bun' | 'deno', dir: string): Promise<ServedApp> {
  const { args, script } = serverScripts[command]
  const path = join(dir, `${command}-server.mjs`)
  await writeFile(path, script)
  const child = spawn(bin(command), [...args, path], {
    cwd: dir,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno') },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: node_modules/.bin/bun is a shell script and deno's bin a node wrapper, so the
    // runtime is a grandchild, ended with the group.
    detached: true,
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before listening`)))
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line)
        if (match) resolve(Number(match[1]))
      })
    })
    return { send: (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init), stop: () => stop(child) }
  } catch (error) {
    await stop(child)
    throw error
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  await exited
}

async function serveOnWorkerd(dir: string): Promise<ServedApp> {
  const worker = new Miniflare({
    modules: true,
    scriptPath: join(dir, 'app.mjs'),
    modulesRoot: dir,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: ['nodejs_compat'],
    host: '127.0.0.1',
    // Never fetch the `request.cf` data from Cloudflare: this test stays on loopback.
    cf: false,
  })
  return {
    send: async (path, init) => {
      const response = await worker.dispatchFetch(`http://127.0.0.1${path}`, init as never)
      return response as unknown as Response
    },
    stop: () => worker.dispose(),
  }
}
