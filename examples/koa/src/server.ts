import { createApp } from './app.js'

const token = process.env.BLINGER_TOKEN
if (token === undefined || token === '') {
  console.error('Set BLINGER_TOKEN to a long random secret, e.g. BLINGER_TOKEN=$(openssl rand -hex 32)')
  process.exit(1)
}

const port = Number(process.env.PORT ?? 3000)
createApp({ token }).app.listen(port, () => {
  console.log(`Listening on http://localhost:${port}/webhooks/blinger?token=…`)
})
