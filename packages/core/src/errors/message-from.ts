/**
 * A formatter for one package's error and warning texts: `messageFrom('redis')('…')` is
 * `[@blinger-webhooks/redis] …`, so a log line always says which package wrote it.
 */
export function messageFrom(packageName: string): (text: string) => string {
  const prefix = `[@blinger-webhooks/${packageName}] `
  return (text) => prefix + text
}
