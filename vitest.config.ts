import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript source through this export condition,
// so tests never wait for a build and never run stale `dist` code.
const conditions = ['@blinger-webhooks/source']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'scripts/*/test/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 15_000,
  },
})
