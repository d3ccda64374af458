import { blingerWebhooks } from '@blinger-webhooks/express'

declare const token: string
declare function page(text: string): Promise<void> // your pager: Slack, PagerDuty, an e-mail

const hooks = blingerWebhooks({ token, alerts: { silenceAfter: 30 * 60_000 } })

// A help desk open 9:00–18:00 on weekdays (server time). Nights and weekends are quiet anyway: only 30 minutes of
// silence while the desk is open are worth a page, once per silence.
const open = (at: Date) => at.getDay() >= 1 && at.getDay() <= 5 && at.getHours() >= 9 && at.getHours() < 18
const openedToday = (at: Date) => new Date(at.getFullYear(), at.getMonth(), at.getDate(), 9).getTime()
let silentSince: Date | undefined
let paged = false
hooks.on('silence', (alarm) => {
  silentSince = alarm.since // the last delivery, or the start when none came
})
hooks.on('resumed', () => {
  silentSince = undefined
  paged = false
})
setInterval(() => {
  const now = new Date()
  if (silentSince === undefined || paged || !open(now)) return
  if (now.getTime() - Math.max(silentSince.getTime(), openedToday(now)) < 30 * 60_000) return
  paged = true
  void page(
    `No Blinger webhook since ${silentSince.toISOString()}: is the webhook on, with our URL and token?`,
  )
}, 60_000).unref()

// A token rotated on one side only: Blinger keeps calling, and every call is refused.
hooks.on('unauthorized', (alarm) =>
  page(`${alarm.count} webhooks refused with a wrong token since ${alarm.from.toISOString()}.`),
)
