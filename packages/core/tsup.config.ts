import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

export default defineConfig(
  libraryConfig({
    entry: {
      index: 'src/index.ts',
      adapter: 'src/adapter.ts',
      'app-types': 'src/app-types.ts',
      internal: 'src/internal.ts',
      fixtures: 'src/fixtures/index.ts',
      // The two builds of `#platform`, picked at load time by the runtime's conditions (package.json `imports`):
      // kept out of the other entries so a Worker's bundle never sees a `node:` import.
      'platform/node': 'src/platform/node.ts',
      'platform/web': 'src/platform/web.ts',
    },
    external: ['#platform'],
  }),
)
