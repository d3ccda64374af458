import { createApp } from './app.js'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}

const port = Number(process.env.PORT ?? 3000)
const { app, hooks } = createApp({ token })
const server = app.listen(port, () => {
  console.log(`Listening on http://localhost:${port}/webhooks/blinger?token=…`)
})

// A deploy sends SIGTERM: stop taking connections, let running handlers finish (until handlerTimeout; the
// rest become dead letters), then exit. Without this, deliveries answered 200 whose handlers still run are lost.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, async () => {
    server.close()
    await hooks.close()
    process.exit(0)
  })
