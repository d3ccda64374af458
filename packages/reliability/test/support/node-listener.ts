import type { RequestListener } from 'node:http'
import type { Receiver } from '@blinger-webhooks/core'

/** A plain `node:http` request listener around `receiver.handle()`: the smallest adapter there is. */
export function nodeListener(receiver: Receiver): RequestListener {
  return (req, res) => {
    receiver
      .handle({
        method: req.method,
        url: req.url ?? '/',
        headers: req.headers,
        stream: req,
        response: res,
      })
      .then((out) => {
        res.writeHead(out.status, out.headers).end(out.body)
      })
      // handle() always resolves; a rejection here would be a core bug, and must still not crash the process.
      .catch(() => {
        res.destroy()
      })
  }
}
