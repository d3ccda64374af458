import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

export default defineConfig([
  ...libraryConfig(),
  // The bin: ESM only, no types; the shebang in src/cli.ts is kept and the file made executable.
  ...libraryConfig({ entry: { cli: 'src/cli.ts' }, format: ['esm'], dts: false }),
])
