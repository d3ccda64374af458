import type { NextConfig } from 'next'

const config: NextConfig = {
  // The workspace packages are ordinary dependencies: Next resolves their dist (built by `pnpm build`).
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
}

export default config
