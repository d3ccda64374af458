import { type EventName, eventNames } from '@blinger-webhooks/core'

/** Whether a string is one of the eight v1.0 event names, such as `message.incoming`. */
export function isEventName(name: string): name is EventName {
  return (eventNames as readonly string[]).includes(name)
}
