import { type DynamicModule, Module } from '@nestjs/common'
import { NotesController } from '../notes.controller.js'
import { WebhooksModule } from './webhooks.module.js'

@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: Nest's dynamic-module convention, `AppModule.forRoot()`
export class AppModule {
  static forRoot(token: string): DynamicModule {
    return {
      module: AppModule,
      imports: [WebhooksModule.forRoot({ token })],
      controllers: [NotesController],
    }
  }
}
