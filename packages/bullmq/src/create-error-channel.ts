import type { Listener, WebhookError } from '@blinger-webhooks/core'

/** The `error` event of a worker: listeners may be async; a failing one is ignored, none means console.error. */
export interface ErrorChannel {
  add(listener: Listener<'error'>, once: boolean): void
  remove(listener?: Listener<'error'>): void
  emit(error: WebhookError): void
}

/** Creates the `error` event a worker exposes next to core's typed events. */
export function createErrorChannel(): ErrorChannel {
  const listeners: { listener: Listener<'error'>; once: boolean }[] = []
  return {
    add(listener, once) {
      listeners.push({ listener, once })
    },
    remove(listener) {
      for (let index = listeners.length - 1; index >= 0; index--) {
        if (listener === undefined || listeners[index]?.listener === listener) listeners.splice(index, 1)
      }
    },
    emit(error) {
      if (listeners.length === 0) {
        console.error(error) // like core's receiver: a failure is never silent
        return
      }
      for (const entry of [...listeners]) {
        if (entry.once) this.remove(entry.listener)
        try {
          Promise.resolve(entry.listener(error)).catch(() => {}) // a failing error listener has no one left to tell
        } catch {}
      }
    },
  }
}
