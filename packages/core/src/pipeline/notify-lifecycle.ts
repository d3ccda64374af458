import { dispatch } from '../emitter/dispatch.js'
import type { EventMap } from '../emitter/event-map.js'
import { handlerFailure } from './handler-failure.js'
import type { Pipeline } from './pipeline-context.js'

/** Runs lifecycle listeners (`invalid`, `duplicate`); their failures are reported, never answered. */
export function notifyLifecycle<K extends 'invalid' | 'duplicate'>(
  name: K,
  event: EventMap[K],
  { emitter, report }: Pipeline,
): void {
  if (!emitter.has(name)) return
  const errors = dispatch(emitter, [name], event)
  if (Array.isArray(errors)) {
    if (errors.length > 0) report(handlerFailure(errors))
  } else
    (errors as Promise<readonly unknown[]>).then((list) => {
      if (list.length > 0) report(handlerFailure(list))
    })
}
