import { createApp } from './create-app.js'

async function bootstrap(): Promise<void> {
  const token = process.env.BLINGER_TOKEN
  if (token === undefined || token === '')
    throw new Error('Set BLINGER_TOKEN to the token registered with Blinger.')
  const app = await createApp(token)
  // SIGTERM closes the app: WebhookHandlers.beforeApplicationShutdown() drains the receiver first.
  app.enableShutdownHooks()
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')
  console.log(`Webhooks at ${await app.getUrl()}/webhooks/blinger?token=…`)
}

void bootstrap()
