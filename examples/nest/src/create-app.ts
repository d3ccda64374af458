import 'reflect-metadata'
import type { INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { AppModule } from './app.module.js'
import { BLINGER_HOOKS, type BlingerHooks } from './blinger-hooks.js'

/**
 * The Nest app with the receiver mounted on /webhooks/blinger. `app.use()` here runs before the JSON parser
 * Nest adds when the app initializes, so the receiver reads the raw body itself, up to its own `limit`
 * (5 MiB by default). Mounted with `consumer.apply(hooks).forRoutes(…)` instead, Nest's parser runs first and answers
 * a body over 100 kB with its own 413.
 */
export async function createApp(token: string, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(token), options)
  app.use('/webhooks/blinger', app.get<BlingerHooks>(BLINGER_HOOKS))
  return app
}
