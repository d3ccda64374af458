import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

export default defineConfig([
  // The two builds run at once: each cleans only its own files.
  libraryConfig({ clean: ['index.*'] }),
  // The bin: ESM only, no types; the shebang in src/cli.ts is kept and the file made executable.
  libraryConfig({ entry: { cli: 'src/cli.ts' }, format: ['esm'], dts: false, clean: ['cli.*'] }),
])
