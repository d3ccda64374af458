import { AsyncLocalStorage } from 'node:async_hooks'
import type { Channel } from 'node:diagnostics_channel'
import type { DeliveryContext } from '@blinger-webhooks/core'
import type { Context, Link } from '@opentelemetry/api'
import { otelStorage } from './otel-storage.js'

/** What runs inside one of our traces: its OpenTelemetry context, and what a nested trace needs from it. */
export interface Scope {
  readonly context: Context
  /** The delivery a handlers' run belongs to. */
  readonly delivery?: DeliveryState
  /** In a queue worker: the receiver's span, and the attempt. */
  readonly job?: { readonly links: Link[]; readonly attempt: number }
}

/** A delivery, and what its counter waits for. */
export interface DeliveryState {
  readonly message: DeliveryContext
  ended: boolean
  counted: boolean
  /** How its handlers ended, for a delivery answered before they did (`accepted`). */
  handlersOutcome?: 'handled' | 'failed'
}

type Bound = { channel: Channel<unknown, object>; toScope: (message: object) => Scope }

/**
 * Scopes our traces through `bindStore`: our own storage always, and OpenTelemetry's when it can be found. The
 * context manager may be registered after we are (NodeSDK does so), so `refresh()` binds it when it appears.
 */
export function createScopes() {
  const own = new AsyncLocalStorage<Scope>()
  const bound: Bound[] = []
  let otel: AsyncLocalStorage<Context> | undefined

  const bindOtel = (entry: Bound) => {
    if (otel === undefined) return
    entry.channel.bindStore(otel as AsyncLocalStorage<unknown>, (message) => entry.toScope(message).context)
  }

  return {
    /** The scope of the trace the caller runs in. */
    current: (): Scope | undefined => own.getStore(),
    bind<M extends object>(channel: Channel<unknown, M>, toScope: (message: M) => Scope): void {
      const entry = { channel, toScope } as unknown as Bound
      bound.push(entry)
      entry.channel.bindStore(own as AsyncLocalStorage<unknown>, entry.toScope)
      bindOtel(entry)
    },
    refresh(): void {
      const found = otelStorage()
      if (found === otel) return
      if (otel !== undefined)
        for (const { channel } of bound) channel.unbindStore(otel as AsyncLocalStorage<unknown>)
      otel = found
      for (const entry of bound) bindOtel(entry)
    },
    unbindAll(): void {
      for (const { channel } of bound.splice(0)) {
        channel.unbindStore(own as AsyncLocalStorage<unknown>)
        if (otel !== undefined) channel.unbindStore(otel as AsyncLocalStorage<unknown>)
      }
      otel = undefined
    },
  }
}

export type Scopes = ReturnType<typeof createScopes>
