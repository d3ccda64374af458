import type { Options } from 'tsup'

/**
 * The build every published package shares: ESM and CJS, each with its own `.d.ts`, for Node 20. A package's
 * `tsup.config.ts` passes only what differs (more entries, shims).
 */
export function libraryConfig(overrides: Options = {}): Options {
  return {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    ...overrides,
  }
}
