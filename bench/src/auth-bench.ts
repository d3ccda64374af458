/**
 * The token check against 1, 10 and 1,000 accounts (issue 18): a right token, a wrong one of the same length,
 * and a near miss (all but its last character right). Its cost must stay flat in the number of accounts, and
 * a wrong guess must cost what a right one does. The single-token row of the check before accounts existed
 * (`createAuthCheck`) is the baseline.
 */
import { randomBytes } from 'node:crypto'
import { resolveAlerts } from '../../packages/core/src/alerts/alert-options.js'
import { createAlarms } from '../../packages/core/src/alerts/create-alarms.js'
import { createAccountCheck } from '../../packages/core/src/auth/create-account-check.js'
import { resolveAccounts } from '../../packages/core/src/auth/resolve-accounts.js'
import { TypedEmitter } from '../../packages/core/src/emitter/typed-emitter.js'
import { createAuthCheck } from '../../packages/core/src/pipeline/check-auth.js'
import { median, orderOf, rateOf } from './measure.js'
import { duration, markdownTable, ratio } from './table.js'

interface Goal {
  goal: string
  met: boolean
  detail: string
}

const secret = () => randomBytes(24).toString('base64url') // 32 characters, as a generated token
const request = (token: string) => ({ method: 'POST', url: `/webhooks/blinger?token=${token}`, headers: {} })

export async function runAuthBench(quick: boolean, say: (text?: string) => void, goals: Goal[]) {
  const rounds = quick ? 2 : 7
  const ms = quick ? 100 : 300
  const cases: {
    name: string
    accounts: number
    check: (r: ReturnType<typeof request>) => unknown
    req: ReturnType<typeof request>
  }[] = []
  const single = secret()
  const before = createAuthCheck([single])
  cases.push({ name: 'before accounts: one token, right', accounts: 1, check: before, req: request(single) })
  for (const accounts of [1, 10, 1000]) {
    const tokens = Array.from({ length: accounts }, secret)
    const map = Object.fromEntries(tokens.map((token, i) => [`client-${i}`, token]))
    const resolved = resolveAccounts(accounts === 1 ? single : map)
    if (resolved === undefined) throw new Error('no accounts')
    const check = createAccountCheck(resolved)
    const last = accounts === 1 ? single : (tokens.at(-1) as string)
    const nearMiss = `${last.slice(0, -1)}${last.endsWith('A') ? 'B' : 'A'}`
    const label = accounts === 1 ? 'one token' : `${accounts.toLocaleString('en-US')} accounts`
    cases.push({ name: `${label}, right`, accounts, check, req: request(last) })
    cases.push({ name: `${label}, wrong`, accounts, check, req: request(secret()) })
    cases.push({ name: `${label}, near miss`, accounts, check, req: request(nearMiss) })
  }
  // The alarms (issue 27) watch this check: what they add to a right token, the request path, and to a wrong one.
  const oneCheck = createAccountCheck(
    resolveAccounts(single) as NonNullable<ReturnType<typeof resolveAccounts>>,
  )
  const watched = (alerts: Parameters<typeof resolveAlerts>[0]) =>
    createAlarms(resolveAlerts(alerts), new TypedEmitter(), () => {})
  const unauthorizedWatch = watched(undefined) // the default: the unauthorized alarm, no silence
  const bothWatches = watched({ silenceAfter: 30 * 60_000 }) // and the default unauthorized watch
  for (const [label, alarms] of [
    ['default alerts (unauthorized watch)', unauthorizedWatch],
    ['+ silenceAfter', bothWatches],
  ] as const) {
    const check = alarms.watch(oneCheck)
    cases.push({ name: `one token, right, ${label}`, accounts: 1, check, req: request(single) })
    cases.push({ name: `one token, wrong, ${label}`, accounts: 1, check, req: request(secret()) })
  }
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]))
  for (let round = 0; round < rounds; round++)
    for (const c of orderOf(cases, round)) {
      const rate = await rateOf(() => c.check(c.req), ms, ms / 3)
      samples.get(c.name)?.push(rate.cpuNs)
    }
  const rows = cases.map((c) => {
    const list = samples.get(c.name) ?? []
    return {
      case: c.name,
      accounts: c.accounts,
      ns: median(list),
      min: Math.min(...list),
      max: Math.max(...list),
    }
  })
  const ns = (name: string) => rows.find((r) => r.case === name)?.ns ?? Number.NaN
  const least = (name: string) => rows.find((r) => r.case === name)?.min ?? Number.NaN
  const baseline = ns('before accounts: one token, right')
  say(`\n## Token check by number of accounts (CPU per check, median of ${rounds} rounds)\n`)
  say(
    markdownTable(
      ['case', 'per check', 'spread (min–max)', '÷ before'],
      rows.map((r) => [
        r.case,
        duration(r.ns),
        `${duration(r.min)}–${duration(r.max)}`,
        ratio(r.ns / baseline),
      ]),
    ),
  )
  const flat = ns('1,000 accounts, right') / ns('10 accounts, right')
  goals.push({
    goal: 'token check flat in accounts: 1,000 ÷ 10 accounts ≤ 1.5',
    met: flat <= 1.5,
    detail: ratio(flat),
  })
  const spreads = [1, 10, 1000].map((n) => {
    const label = n === 1 ? 'one token' : `${n.toLocaleString('en-US')} accounts`
    const all = ['right', 'wrong', 'near miss'].map((k) => ns(`${label}, ${k}`))
    return Math.max(...all) / Math.min(...all)
  })
  const worst = Math.max(...spreads)
  goals.push({
    goal: 'a wrong guess or a near miss costs what a right token does: max ÷ min ≤ 1.25',
    met: worst <= 1.25,
    detail: ratio(worst),
  })
  bothWatches.stop()
  for (const label of ['default alerts (unauthorized watch)', '+ silenceAfter'])
    for (const kind of ['right', 'wrong'])
      say(
        `The alarms (${label}) add ${duration(ns(`one token, ${kind}, ${label}`) - ns(`one token, ${kind}`))} (medians; ${duration(least(`one token, ${kind}, ${label}`) - least(`one token, ${kind}`))} between the fastest rounds) to a ${kind} token.`,
      )
  const single1 = ns('one token, right') / baseline
  goals.push({
    goal: 'one token costs what it did before accounts: ÷ before ≤ 1.10',
    met: single1 <= 1.1,
    detail: ratio(single1),
  })
  return rows
}
