/**
 * Regenerates docs/inspector.png, the README's screenshot: starts the inspector and a stand-in app on
 * 127.0.0.1, delivers a few samples (one with drift, one invalid), opens the invalid one, replays it, and
 * captures the page in headless Chromium at a laptop's 1280×800.
 * Run: pnpm --filter @blinger-webhooks/inspector screenshot
 */
import { fileURLToPath } from 'node:url'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import { startInspector } from '../src/start-inspector.js'
import { buildUiForTest } from '../test/support/build-ui-for-test.js'
import { launchChromium } from '../test/support/launch-chromium.js'
import { startTargetApp } from '../test/support/start-target-app.js'

const output = fileURLToPath(new URL('../docs/inspector.png', import.meta.url))

const ui = await buildUiForTest()
const target = await startTargetApp(200, 3000).catch(() => startTargetApp())
// Ports 4000 (the default) and 3000 when free, so the picture matches the README's usage.
const inspector = await startInspector({ port: 4000, uiDir: ui.dir }).catch(() =>
  startInspector({ port: 0, uiDir: ui.dir }),
)
const browser = await launchChromium()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })
  page.setDefaultTimeout(5000)
  await page.goto(inspector.url)
  await page.getByRole('status').filter({ hasText: 'live' }).waitFor()

  const deliver = (payload: unknown) =>
    fetch(inspector.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
  await deliver(FixtureByEventName['conversation.unassigned'])
  await deliver(FixtureByEventName['conversation.assigned'])
  await deliver(FixtureByEventName['message.incoming'])
  await deliver(FixtureByEventName['message.incoming'])
  await deliver({ ...FixtureByEventName['message.outgoing'], is_bot: false })
  await deliver(FixtureByEventName['conversation.closed'])
  await deliver(FixtureByEventName['comment.incoming'])
  // The one the screenshot opens: a string where the schema wants an integer, and two fields the document never names.
  const invalid = structuredClone(FixtureByEventName['user.new'])
  Object.assign(invalid.user, { id: '294', email: 'ann@example.com' })
  await deliver({ ...invalid, source: 'widget' })

  await page.getByRole('listbox').getByRole('option').first().waitFor()
  await page.getByLabel('Target app').fill(target.url)
  await page.getByRole('listbox').focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.getByRole('article').getByRole('button', { name: 'Replay' }).click()
  await page.getByRole('article').locator('.send-result').filter({ hasText: 'ms' }).waitFor()
  await page.getByRole('article').getByRole('heading').first().click() // leave no focus ring on the button
  await page.screenshot({ path: output })
  console.log(`Wrote ${output}`)
} finally {
  await browser.close()
  await inspector.close()
  await target.close()
  await ui.remove()
}
