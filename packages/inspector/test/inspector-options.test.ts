import { describe, expect, test } from 'vitest'
import { parseTarget, resolveInspectorOptions } from '../src/inspector-options.js'

describe('resolveInspectorOptions', () => {
  test('applies the defaults', () => {
    expect(resolveInspectorOptions({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      token: undefined,
      forward: undefined,
      max: 500,
      limit: 5 * 1024 * 1024,
      sendTimeout: 10_000,
      loopback: true,
    })
  })

  test('refuses to bind beyond loopback without a token', () => {
    expect(() => resolveInspectorOptions({ host: '0.0.0.0' })).toThrow(
      '[@blinger-webhooks/inspector] A token is required to bind to 0.0.0.0',
    )
    expect(resolveInspectorOptions({ host: '0.0.0.0', token: 't' }).loopback).toBe(false)
  })

  test('rejects bad numbers and targets with the package prefix', () => {
    expect(() => resolveInspectorOptions({ port: 70_000 })).toThrow('port must be an integer from 0 to 65535')
    expect(() => resolveInspectorOptions({ max: 0 })).toThrow('max must be a positive integer')
    expect(() => resolveInspectorOptions({ forward: 'ftp://x' })).toThrow(
      'forward must be an http:// or https:// URL',
    )
  })
})

test('parseTarget accepts http and https only', () => {
  expect(parseTarget('http://127.0.0.1:3000/hooks', 'target').href).toBe('http://127.0.0.1:3000/hooks')
  expect(() => parseTarget('javascript:alert(1)', 'target')).toThrow(
    '[@blinger-webhooks/inspector] target must be',
  )
  expect(() => parseTarget('not a url', 'target')).toThrow()
})
