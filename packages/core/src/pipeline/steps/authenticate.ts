import { refuseWithoutToken, tokenMissing } from '../../auth/token-missing.js'
import type { DeliveryContext } from '../../diagnostics/diagnostics-contexts.js'
import { checkContentEncoding } from '../check-content-encoding.js'
import { checkContentType } from '../check-content-type.js'
import { checkMethod } from '../check-method.js'
import { Delivery } from '../delivery.js'
import type { HandleRequest, HandleResponse } from '../handle-types.js'
import type { Pipeline } from '../pipeline-context.js'
import { responses } from '../respond.js'

/**
 * Step "authenticate": method, token, content type and encoding. Gives the delivery of the token's account,
 * or the response that ends the request before its body is read.
 */
export function authenticate(
  request: HandleRequest,
  trace: DeliveryContext | undefined,
  pipeline: Pipeline,
): Delivery | HandleResponse {
  if (!checkMethod(request.method)) return responses.methodNotAllowed
  const auth = pipeline.checkAuth(request)
  if (auth === undefined) return responses.unauthorized
  if (auth === tokenMissing) return refuseWithoutToken(pipeline.report)
  if (!checkContentType(request.headers['content-type'])) return responses.unsupportedMediaType
  if (!checkContentEncoding(request.headers['content-encoding'])) return responses.unsupportedEncoding
  // The request is the signal's source: its signal is read only if a handler reads `event.signal`.
  const delivery = new Delivery(auth.account, request, trace)
  delivery.request = request
  return delivery
}
