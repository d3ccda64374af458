import { describeConformance } from '@blinger-webhooks/conformance'
import express from 'express'
import { blingerWebhooks } from '../src/index.js'

describeConformance('express', (options, { bodyParser }) => {
  const app = express()
  if (bodyParser) app.use(express.json())
  const hooks = blingerWebhooks({ ...options, path: '/webhooks/blinger' })
  app.use(hooks)
  app.get('/health', (_req, res) => void res.send('ok'))
  app.post('/other', (req, res) => void res.json({ received: req.body ?? null }))
  return { server: app, hooks }
})
