import { rmSync } from 'node:fs'
import type { Options } from 'tsup'

/**
 * The build every published package shares, for Node 20: one tsup config per format, ESM (`.js` + `.d.ts`) and
 * CJS (`.cjs` + `.d.cts`). A package's `tsup.config.ts` passes only what differs (more entries, shims, one
 * format). After tsup, `scripts/build/fix-cjs-type-imports.ts` makes the `.d.cts` files valid for node16
 * CommonJS consumers.
 */
export function libraryConfig(overrides: Options = {}): Options[] {
  const { format = ['esm', 'cjs'], dts = true, ...rest } = overrides
  const formats = Array.isArray(format) ? format : [format]
  // tsup's `clean` would run once per config at the same time, each deleting what another wrote.
  rmSync('dist', { recursive: true, force: true })
  const shared: Options = {
    entry: { index: 'src/index.ts' },
    target: 'node20',
    // Keep `node:crypto`, not `crypto`: Workers tooling and edge bundlers resolve only the prefixed names.
    removeNodeProtocol: false,
    ...rest,
    clean: false,
  }
  const code = formats.map(
    (one): Options => ({
      ...shared,
      format: [one],
      dts: false,
      // TypeBox 1.x is ESM-only: bundled into the CJS build, so `require()` works where require(esm) does
      // not (Jest, Node before 20.19). The ESM build imports it, so an app shares one copy.
      // `splitting` (on by default for ESM only): the entries of one package share chunks in CJS too. Without
      // it each `.cjs` entry bundles everything it imports, so `require('@blinger-webhooks/core')` and
      // `require('@blinger-webhooks/core/adapter')` would load two copies of core (two `WebhookError`
      // classes, `instanceof` false) and of TypeBox. scripts/consumers/cjs-one-core checks it stays one. Rollup
      // (`treeshake`) turns the shared ESM chunks into CommonJS: tsup's other way, sucrase, also rewrites `?.`,
      // `??` and class fields into helper calls on the request path.
      ...(one === 'cjs'
        ? { splitting: true, treeshake: true, noExternal: [/^typebox(\/|$)/, ...(rest.noExternal ?? [])] }
        : {}),
    }),
  )
  // The types of every format in one TypeScript run: a run per format would double the slowest step.
  return dts === false ? code : [...code, { ...shared, format: formats, dts: { only: true } }]
}
