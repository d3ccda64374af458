import { blingerWebhooks } from '@blinger-webhooks/express'

declare function saveMessage(account: 'acme' | 'globex', message: unknown): Promise<void>

const hooks = blingerWebhooks({
  token: { acme: process.env.ACME_TOKEN, globex: process.env.GLOBEX_TOKEN },
})
hooks.on('message.incoming', async (event) => {
  event.account // 'acme' | 'globex', typed from the map's keys
  await saveMessage(event.account, event.payload.message)
})
