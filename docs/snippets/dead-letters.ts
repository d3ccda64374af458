import { blingerWebhooks } from '@blinger-webhooks/express'

declare const token: string

const hooks = blingerWebhooks({ token, deadLetters: { path: '/var/log/app/blinger-dead-letters.ndjson' } })
process.on('SIGHUP', () => hooks.receiver.deadLetters.reopen()) // after logrotate moved the file
