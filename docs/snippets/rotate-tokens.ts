import { blingerWebhooks } from '@blinger-webhooks/express'

declare const newAcmeToken: string
declare const oldAcmeToken: string
declare const globexToken: string
const hooks = blingerWebhooks({ token: { acme: 'a', globex: 'g' } })

hooks.setTokens({ acme: [newAcmeToken, oldAcmeToken], globex: globexToken })
// … once Blinger has Acme's new URL:
hooks.setTokens({ acme: newAcmeToken, globex: globexToken })
