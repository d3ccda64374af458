import { Injectable } from '@nestjs/common'

/** One closed conversation as the app keeps it. */
export interface ArchivedConversation {
  readonly id: number
  readonly messageCount: number
}

/** Stands for the app's own service (a repository, a queue…) that the webhook handlers call. */
@Injectable()
export class ConversationArchive {
  readonly #archived: ArchivedConversation[] = []

  save(conversation: ArchivedConversation): void {
    this.#archived.push(conversation)
  }

  list(): readonly ArchivedConversation[] {
    return this.#archived
  }
}
