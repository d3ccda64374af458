import { blingerWebhooks, type FastifyWebhooksOptions } from '@blinger-webhooks/fastify'
import { type DynamicModule, Module } from '@nestjs/common'
import { ConversationArchive } from '../conversation-archive.js'
import { BLINGER_HOOKS } from './blinger-hooks.js'
import { WebhookHandlers } from './webhook-handlers.js'

/** Provides the receiver (a Fastify plugin) under `BLINGER_HOOKS`, and the handlers that subscribe to it. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: Nest's dynamic-module convention, `WebhooksModule.forRoot()`
export class WebhooksModule {
  static forRoot(options: FastifyWebhooksOptions): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [
        { provide: BLINGER_HOOKS, useFactory: () => blingerWebhooks(options) },
        ConversationArchive,
        WebhookHandlers,
      ],
      exports: [BLINGER_HOOKS, ConversationArchive],
    }
  }
}
