/**
 * Whether a host name or address only reaches this machine: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * `::1`, or an IPv4-mapped 127 address. Brackets around IPv6 are allowed.
 */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  const lower = name.toLowerCase()
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true
  const v4 = lower.startsWith('::ffff:') ? lower.slice(7) : lower
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}
