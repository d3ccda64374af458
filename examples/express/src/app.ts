import { blingerWebhooks } from '@blinger-webhooks/express'
import express from 'express'

export interface AppOptions {
  /** The secret in the URL you register with Blinger. */
  token: string
  /** Where the handlers write what they received. */
  log?: (line: string) => void
}

/** The example app: one Express app with the Blinger receiver mounted at /webhooks/blinger. */
export function createApp({ token, log = console.log }: AppOptions) {
  const app = express()
  const hooks = blingerWebhooks({ token })
  // Before express.json(): the receiver checks the token before it reads the body, so a request without it
  // gets 401 at once. It works behind the parser too, but then every body is read first (and the parser's
  // 100 kB default limit would refuse long closed conversations).
  app.post('/webhooks/blinger', hooks)
  app.use(express.json())
  app.get('/health', (_req, res) => {
    res.json({ ok: true })
  })

  hooks
    .on('conversation.unassigned', ({ payload }) => {
      const { conversation } = payload
      log(
        `conversation #${conversation.id} from ${conversation.from_user.title ?? 'a guest'} waits for an operator`,
      )
    })
    .on('conversation.assigned', ({ payload }) => {
      const { conversation } = payload
      log(`conversation #${conversation.id} assigned to ${conversation.operator?.name ?? 'nobody'}`)
    })
    .on('conversation.closed', ({ payload }) => {
      const { conversation } = payload
      const group = conversation.close_group?.title ?? 'no group'
      log(
        `conversation #${conversation.id} closed by ${conversation.operator?.name ?? 'nobody'} ` +
          `after ${conversation.messages.length} message(s), group "${group}"`,
      )
    })
    .on('message.incoming', ({ payload }) => {
      const { from_user, message } = payload
      log(
        `${from_user.title ?? `user ${from_user.user_id}`} wrote via ${message.application}: "${message.message}"`,
      )
    })
    .on('message.outgoing', ({ payload }) => {
      const { operator, to_user, message } = payload
      log(
        `${operator?.name ?? 'an operator'} replied to ${to_user.title ?? `user ${to_user.user_id}`}: "${message.message}"`,
      )
    })
    .on('comment', ({ payload }) => {
      log(
        `comment on "${payload.comment.post_title}" by ${payload.from_user.title ?? `user ${payload.from_user.user_id}`}: "${payload.comment.message}"`,
      )
    })
    .on('user.new', ({ payload }) => {
      log(`new client ${payload.user.name ?? `#${payload.user.id}`} via ${payload.user.application}`)
    })
    .on('duplicate', (event) => {
      log(`duplicate ${event.name} ${event.id.slice(0, 12)}… dropped`)
    })
    .on('invalid', (event) => {
      log(
        `invalid ${event.name}: ${event.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
      )
    })
    .on('error', (error) => {
      // A failing handler never takes the process down: it lands here, and Blinger gets a 500.
      console.error(error)
    })

  return { app, hooks }
}
