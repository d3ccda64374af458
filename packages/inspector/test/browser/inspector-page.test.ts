import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Inspector, startInspector } from '../../src/start-inspector.js'
import { buildUiForTest } from '../support/build-ui-for-test.js'
import { hasChromium, inCi, launchChromium } from '../support/launch-chromium.js'
import { startTargetApp } from '../support/start-target-app.js'

// Runs with the rest of the suite. Without Chromium it is skipped locally, with a message; in CI it fails.
const skip = !hasChromium && !inCi
if (skip) {
  console.warn(
    '[@blinger-webhooks/inspector] Browser test skipped: /usr/bin/chromium is missing (apt-get install -y chromium). With CI=true it fails instead.',
  )
}

function deliver(url: string, payload: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
}

describe.skipIf(skip)('the inspector page, in headless Chromium', { timeout: 30_000 }, () => {
  let ui: Awaited<ReturnType<typeof buildUiForTest>>
  let target: Awaited<ReturnType<typeof startTargetApp>>
  let inspector: Inspector
  let browser: Browser
  let page: Page
  let shots: string
  const problems: string[] = []

  beforeAll(async () => {
    ui = await buildUiForTest()
    target = await startTargetApp()
    shots = await mkdtemp(join(tmpdir(), 'blinger-inspector-shots-'))
    inspector = await startInspector({ port: 0, uiDir: ui.dir, sendTimeout: 3000 })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    page.setDefaultTimeout(5000)
    // A CSP violation or a script error shows up here; the page must have none.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(inspector.url)
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor()
  }, 40_000)

  afterAll(async () => {
    await browser?.close()
    await inspector?.close()
    await target?.close()
    await ui?.remove()
    if (shots !== undefined) await rm(shots, { recursive: true, force: true })
  })

  test('a delivery sent over HTTP appears in the list without a reload', async () => {
    await page.evaluate(() => {
      ;(globalThis as unknown as { notReloaded: boolean }).notReloaded = true
    })
    const response = await deliver(inspector.webhookUrl, FixtureByEventName['message.incoming'])
    expect(response.status).toBe(200)
    const row = page.getByRole('listbox').getByRole('option').filter({ hasText: 'message.incoming' })
    await row.waitFor()
    expect(await row.textContent()).toContain('200')
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    )
    await expect
      .poll(() => page.getByRole('button', { name: /^message\.incoming/ }).textContent())
      .toContain('1')
  })

  test('opens it from the keyboard: ↓ then Enter', async () => {
    await page.getByRole('listbox').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const detail = page.getByRole('article')
    await detail.getByRole('heading', { name: 'message.incoming' }).waitFor()
    await detail.getByText('Matches the message.incoming schema').waitFor()
  })

  test('an invalid payload arrives flagged, and its failing path is highlighted', async () => {
    const payload = structuredClone(FixtureByEventName['user.new'])
    Object.assign(payload.user, { id: 'not-a-number', email: 'ann@example.com' })
    await deliver(inspector.webhookUrl, payload)
    const row = page.getByRole('listbox').getByRole('option').filter({ hasText: 'user.new' })
    await row.getByText('invalid').waitFor()
    await row.click()
    const detail = page.getByRole('article')
    await detail.getByRole('heading', { name: 'user.new' }).waitFor()
    const mismatch = detail.locator('.json-tree [data-path="/user/id"]')
    await mismatch.waitFor()
    expect(await mismatch.getAttribute('class')).toContain('mark-issue')
    expect(await mismatch.textContent()).toContain('"not-a-number"')
    await detail.getByRole('button', { name: '/user/id' }).waitFor()
    const drift = detail.locator('.json-tree [data-path="/user/email"]')
    expect(await drift.getAttribute('class')).toContain('mark-drift')
  })

  test('Replay sends it to the target app, and shows the status and time', async () => {
    await page.getByLabel('Target app').fill(target.url)
    const received = target.next()
    await page.getByRole('article').getByRole('button', { name: 'Replay' }).click()
    const request = await received
    expect(JSON.parse(request.body)).toMatchObject({ webhook: 'on_user_new', user: { id: 'not-a-number' } })
    const result = page.getByRole('article').locator('.send-result')
    await expect.poll(() => result.textContent()).toMatch(/200 in [\d.]+ ms/)
  })

  test('Send sample sends the chosen sample to the target app', async () => {
    await page.getByLabel('Sample').selectOption('conversation.closed')
    const received = target.next()
    await page.getByRole('button', { name: 'Send sample' }).click()
    expect(JSON.parse((await received).body)).toEqual(FixtureByEventName['conversation.closed'])
    await expect.poll(() => page.locator('.toolbar .send-result').textContent()).toMatch(/200 in/)
  })

  test('an alarm of the receiver shows as a banner, without the token', async () => {
    const token = 'page-alarm-token-0123456789'
    const guarded = await startInspector({
      port: 0,
      uiDir: ui.dir,
      token,
      alerts: { unauthorized: { count: 2 } },
    })
    const other = await browser.newPage()
    try {
      await other.goto(guarded.url)
      await other.getByRole('status').filter({ hasText: 'live' }).waitFor()
      const wrong = new URL(guarded.webhookUrl)
      wrong.searchParams.set('token', 'wrong-token-abcdef-987654')
      for (let index = 0; index < 2; index++)
        expect((await deliver(wrong.href, FixtureByEventName['user.new'])).status).toBe(401)
      const banner = other.getByRole('alert')
      await banner.waitFor()
      const text = (await banner.textContent()) ?? ''
      expect(text).toMatch(/unauthorized.*2 requests with a wrong token/)
      expect(text).not.toContain('wrong-token-abcdef')
      expect(text).not.toContain(token)
      await other.screenshot({ path: join(shots, 'inspector-alarm.png') })
    } finally {
      await other.close()
      await guarded.close()
    }
  })

  test('saves a screenshot, and the page logged no error', async () => {
    const file = join(shots, 'inspector.png')
    await page.screenshot({ path: file })
    expect((await stat(file)).size).toBeGreaterThan(10_000)
    expect(problems).toEqual([])
  })
})
