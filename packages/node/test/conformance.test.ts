import { createServer } from 'node:http'
import { describeConformance } from '@blinger-webhooks/conformance'
import { blingerWebhooks } from '../src/index.js'

describeConformance('node:http', (options) => {
  const hooks = blingerWebhooks({ ...options, path: '/webhooks/blinger' })
  const server = createServer((req, res) => {
    hooks(req, res, () => {
      if (req.url === '/health') return void res.end('ok')
      if (req.url !== '/other') return void res.writeHead(404).end()
      // Plain node:http has no body parser, so both runs of the suite read /other's body by hand.
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ received: text === '' ? null : JSON.parse(text) }))
      })
    })
  })
  return { server, hooks }
})
