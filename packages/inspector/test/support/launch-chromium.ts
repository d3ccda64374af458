import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium: `.ci/run` installs it with apt; playwright-core downloads no browser of its own. */
export const chromiumPath = '/usr/bin/chromium'

/** Whether Chromium is installed here. */
export const hasChromium = existsSync(chromiumPath)

/** Whether this is a CI run (`CI=true`), where a missing browser is a failure rather than a skip. */
export const inCi = !['', '0', 'false', undefined].includes(process.env.CI)

/** Starts headless Chromium with flags that keep it quiet, offline and bounded (no sandbox: CI runs as root). */
export function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(
      `${chromiumPath} is missing. Install it with \`apt-get install -y chromium\` (.ci/run does this in CI).`,
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 20_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}
