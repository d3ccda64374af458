import type { EventName, PayloadByEventName } from '@blinger-webhooks/core'

interface WebhookEvent<N extends EventName, A> {
  id: string // sha256 hex of the raw body: the same delivery always gets the same id
  account: A // the token map's key it came with ('acme' | 'globex'); undefined for a string or array token
  name: N // 'conversation.closed'
  webhook: string // 'on_conversation_closed'
  payload: PayloadByEventName[N]
  receivedAt: Date
  signal: AbortSignal // aborted when the sender stops waiting: after handlerTimeout, or when the client disconnects
}
