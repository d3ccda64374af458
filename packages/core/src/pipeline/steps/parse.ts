import type { Delivery } from '../delivery.js'
import type { HandleResponse } from '../handle-types.js'
import { parseJson, stripPoisonKeys } from '../parse-json.js'
import { responses } from '../respond.js'

/** Step "parse": `delivery.payload` from the body, the JSON parsed; or the 400 that ends here. */
export function parse(delivery: Delivery): HandleResponse | undefined {
  const body = delivery.body as Uint8Array | string | object
  if (delivery.bodyParsed) {
    try {
      // Hashing first also rejects a cyclic object (it overflows the stack), which the strip would loop on,
      // and hashes what the app's parser gave, before the strip changes it.
      void delivery.id
      stripPoisonKeys(body)
    } catch {
      return responses.invalidJson // nested deeper than the stack, or cyclic: no JSON parser makes either
    }
    delivery.payload = body as Delivery['payload']
    return undefined
  }
  const parsed = parseJson(body as Uint8Array | string)
  if (!parsed.ok) return responses.invalidJson
  delivery.payload = parsed.value as Delivery['payload']
  return undefined
}
