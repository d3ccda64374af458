import { dispatch } from '../emitter/dispatch.js'
import type { EventMap } from '../emitter/event-map.js'
import { handlerFailure } from './handler-failure.js'
import type { Pipeline } from './pipeline-context.js'

/** A lifecycle event: one that tells of a delivery or of the receiver, rather than being handled. */
type LifecycleName = 'invalid' | 'duplicate' | 'silence' | 'resumed' | 'unauthorized'

/** Runs the listeners of a lifecycle event; their failures are reported, never answered. */
export function notifyLifecycle<K extends LifecycleName>(
  name: K,
  event: EventMap[K],
  { emitter, report }: Pick<Pipeline, 'emitter' | 'report'>,
): void {
  if (!emitter.has(name)) return
  const errors = dispatch(emitter, [name], event)
  if (Array.isArray(errors)) {
    if (errors.length > 0) report(handlerFailure(errors, name))
  } else
    (errors as Promise<readonly unknown[]>).then((list) => {
      if (list.length > 0) report(handlerFailure(list, name))
    })
}
