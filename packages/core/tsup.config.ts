import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

export default defineConfig(
  libraryConfig({
    entry: { index: 'src/index.ts', adapter: 'src/adapter.ts', fixtures: 'src/fixtures/index.ts' },
  }),
)
