import type { IncomingMessage } from 'node:http'
import { describe, expect, test } from 'vitest'
import { createAccessCheck } from '../src/check-access.js'

function request(path: string, headers: Record<string, string>, method = 'GET'): [IncomingMessage, URL] {
  return [{ method, headers } as unknown as IncomingMessage, new URL(path, 'http://inspector.invalid')]
}

describe('createAccessCheck', () => {
  test('on loopback, needs no token but a loopback Host (against DNS rebinding)', () => {
    const check = createAccessCheck({ token: undefined, loopbackOnly: true })
    expect(check(...request('/api/info', { host: '127.0.0.1:4000' }))).toBe('ok')
    expect(check(...request('/api/info', { host: 'localhost:4000' }))).toBe('ok')
    expect(check(...request('/api/info', { host: 'attacker.example:4000' }))).toBe('forbidden_host')
    expect(check(...request('/api/info', {}))).toBe('forbidden_host')
  })

  test('off loopback, needs the token as ?token= or Bearer', () => {
    const check = createAccessCheck({ token: 'secret', loopbackOnly: false })
    const host = { host: '192.0.2.1:4000' }
    expect(check(...request('/api/info', host))).toBe('unauthorized')
    expect(check(...request('/api/info?token=wrong', host))).toBe('unauthorized')
    expect(check(...request('/api/info?token=secret', host))).toBe('ok')
    expect(check(...request('/api/info', { ...host, authorization: 'Bearer secret' }))).toBe('ok')
  })

  test('refuses writes from another origin, and allows the page its own', () => {
    const check = createAccessCheck({ token: undefined, loopbackOnly: true })
    const host = { host: '127.0.0.1:4000' }
    expect(check(...request('/api/x', { ...host, origin: 'https://evil.example' }, 'POST'))).toBe(
      'forbidden_origin',
    )
    expect(check(...request('/api/x', { ...host, origin: 'http://127.0.0.1:4000' }, 'POST'))).toBe('ok')
    expect(check(...request('/api/x', host, 'POST'))).toBe('ok')
  })
})
