import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The two builds run at once: each cleans only its own files.
    clean: ['index.*'],
    target: 'node20',
  },
  {
    // The bin: ESM only, no types; the shebang in src/cli.ts is kept and the file made executable.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: ['cli.*'],
    target: 'node20',
  },
])
