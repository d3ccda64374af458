import type { IncomingMessage, ServerResponse } from 'node:http'

declare const req: IncomingMessage
declare const res: ServerResponse
declare const payload: unknown // a delivery's JSON, e.g. a queue job's

import { createReceiver } from '@blinger-webhooks/core'

const receiver = createReceiver({ token: process.env.BLINGER_TOKEN })
receiver.on('user.new', (event) => console.log(event.payload.user.name))

// The HTTP pipeline: give it the request as plain data, write back what it answers.
const response = await receiver.handle({
  method: req.method,
  url: req.url ?? '/', // the token may be in ?token=
  headers: req.headers, // lowercase names
  body: undefined, // or what a parser left: object, string or Buffer
  stream: req, // read up to `limit` when nothing parsed the body
})
res.writeHead(response.status, response.headers).end(response.body)

// Or skip HTTP: validate, dedupe, dispatch and await every listener.
const { event, duplicate } = await receiver.receive(payload) // rejects with a WebhookError on failure
