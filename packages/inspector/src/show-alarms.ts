import type { AlarmMessage, EmitterMethods } from '@blinger-webhooks/core'
import { alarmLine } from '@blinger-webhooks/core/internal'
import type { EventStream } from './create-event-stream.js'
import type { InspectorAlarm } from './delivery-types.js'

/** Sends each alarm of the inspector's receiver to the open pages, as the warning line the core writes for it. */
export function showAlarms(events: EmitterMethods, stream: EventStream): void {
  const show = (message: AlarmMessage) => {
    const alarm: InspectorAlarm = {
      kind: message.kind,
      at: new Date().toISOString(),
      text: alarmLine(message).replace(/^\[[^\]]*\] /, ''), // without the package prefix
    }
    stream.broadcast('alarm', alarm)
  }
  events.on('silence', (event) => show({ kind: 'silence', event }))
  events.on('resumed', (event) => show({ kind: 'resumed', event }))
  events.on('unauthorized', (event) => show({ kind: 'unauthorized', event }))
}
