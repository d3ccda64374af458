import 'reflect-metadata'
import { NestFactory } from '@nestjs/core'
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify'
import { AppModule } from './app.module.js'
import { BLINGER_HOOKS, type BlingerHooks } from './blinger-hooks.js'

/**
 * The Nest app on Fastify with the receiver registered as a plugin on /webhooks/blinger. The plugin replaces the
 * body parsers in its own encapsulated context only: the receiver reads the raw body itself, up to its own `limit`
 * (5 MiB by default), so Fastify's `bodyLimit` (1 MiB) never answers a long conversation, and Nest's routes keep
 * Fastify's JSON parser.
 */
export async function createApp(
  token: string,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(token),
    new FastifyAdapter(),
    options,
  )
  await app.register(app.get<BlingerHooks>(BLINGER_HOOKS))
  return app
}
