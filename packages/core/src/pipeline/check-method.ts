/** Whether the method is one the receiver answers: Blinger delivers with POST only. */
export function checkMethod(method: string | undefined): boolean {
  return method === 'POST'
}
