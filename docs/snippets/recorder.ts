import { blingerWebhooks } from '@blinger-webhooks/express'

const hooks = blingerWebhooks({ token: 'secret' })

import { recordDeliveries } from '@blinger-webhooks/recorder'

const recorder = recordDeliveries(hooks, { path: '/var/log/app/blinger.ndjson' })
process.on('SIGHUP', () => recorder.reopen()) // after logrotate moved the file
