import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common'
import { ConversationArchive } from '../conversation-archive.js'
import { BLINGER_HOOKS, type BlingerHooks } from './blinger-hooks.js'

/** The typed handlers, in a provider: subscribed once the module is ready, with other providers injected. */
@Injectable()
export class WebhookHandlers implements OnModuleInit, BeforeApplicationShutdown {
  readonly #logger = new Logger('BlingerWebhooks')

  // Explicit @Inject: tsx (esbuild) and vitest emit no decorator metadata for Nest to read the types from.
  constructor(
    @Inject(BLINGER_HOOKS) private readonly hooks: BlingerHooks,
    @Inject(ConversationArchive) private readonly archive: ConversationArchive,
  ) {}

  onModuleInit(): void {
    this.hooks.on('conversation.closed', (event) => {
      // event.payload is typed as ConversationClosedPayload
      const { id, messages } = event.payload.conversation
      this.archive.save({ id, messageCount: messages.length })
    })
    this.hooks.on('message.incoming', (event) => {
      this.#logger.log(`message ${event.payload.message.id}: ${event.payload.message.message}`)
    })
    this.hooks.on('error', (error) => this.#logger.error(error))
  }

  /**
   * On SIGTERM (with `app.enableShutdownHooks()`), before Nest closes Fastify: running handlers finish, until
   * handlerTimeout; the rest become dead letters. Answered deliveries are not lost on a deploy.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.hooks.close()
  }
}
