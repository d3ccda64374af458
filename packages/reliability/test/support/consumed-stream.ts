import { Readable } from 'node:stream'

/** A stream an app's body parser has already read to its end, as `handle()` sees it after express.json(). */
export async function consumedStream(): Promise<Readable> {
  const stream = Readable.from([Buffer.from('{}')])
  for await (const _ of stream);
  return stream
}
