import { Body, Controller, Post } from '@nestjs/common'

/** An ordinary Nest route beside the webhooks: Nest's own JSON parser still serves it. */
@Controller('notes')
export class NotesController {
  @Post()
  create(@Body() body: { text?: unknown }): { saved: unknown } {
    return { saved: body.text }
  }
}
