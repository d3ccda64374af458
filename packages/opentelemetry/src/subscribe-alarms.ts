import { channel } from 'node:diagnostics_channel'
import { type AlarmMessage, channelNames } from '@blinger-webhooks/core'
import { attributes } from './names.js'
import type { Telemetry } from './telemetry.js'

/**
 * Counts the alarms receivers raise (`alerts`), by kind, so a dashboard can alert on `silence` or
 * `unauthorized` from every instance. Each instance counts only what it saw: its own share of the requests.
 */
export function subscribeAlarms(telemetry: Telemetry): () => void {
  const alarms = channel(channelNames.alarm)
  const count = (message: unknown) => {
    telemetry.alarms.add(1, { [attributes.alarm]: (message as AlarmMessage).kind })
  }
  alarms.subscribe(count)
  return () => {
    alarms.unsubscribe(count)
  }
}
