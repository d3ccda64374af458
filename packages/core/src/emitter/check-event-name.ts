import { didYouMean } from '../errors/closest-name.js'
import { messageFrom } from '../errors/message-from.js'
import type { EmitterEventName } from './event-map.js'
import { type EventGroup, type EventName, eventNames, groupOf } from './event-names.js'

const prefixed = messageFrom('core')

// The names beside the eight and their groups; typed against `EmitterEventName`, so a new lifecycle event
// does not compile until it is listed here.
const lifecycleNames: Readonly<Record<Exclude<EmitterEventName, EventName | EventGroup>, true>> = {
  '*': true,
  unknown: true,
  invalid: true,
  duplicate: true,
  error: true,
  silence: true,
  resumed: true,
  unauthorized: true,
}

const groups = [...new Set(eventNames.map(groupOf))]

/** Every name `on` and `once` accept, in the order an error lists them. */
const known: ReadonlySet<string> = new Set([...eventNames, ...groups, ...Object.keys(lifecycleNames)])

/**
 * Refuses a name no event is emitted under, with the closest one: TypeScript catches a typo such as
 * `conversation.close`, but in JavaScript the listener would be added and never called.
 */
export function checkEventName(name: unknown): void {
  if (typeof name === 'string' && known.has(name)) return
  const given = typeof name === 'string' ? `"${name}"` : `a ${typeof name}`
  throw new TypeError(
    prefixed(
      `No event is named ${given}.${typeof name === 'string' ? didYouMean(name, known) : ''} Listen to one of: ${[...known].join(', ')}.`,
    ),
  )
}
