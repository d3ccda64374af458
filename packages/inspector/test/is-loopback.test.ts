import { expect, test } from 'vitest'
import { isLoopback } from '../src/is-loopback.js'

test.each([
  '127.0.0.1',
  '127.1.2.3',
  'localhost',
  'LOCALHOST',
  'app.localhost',
  '::1',
  '[::1]',
  '::ffff:127.0.0.1',
])('%s is loopback', (host) => expect(isLoopback(host)).toBe(true))

test.each([
  '0.0.0.0',
  '::',
  '192.168.1.10',
  '10.0.0.1',
  'example.com',
  'localhost.example.com',
  '128.0.0.1',
  '',
])('%s is not loopback', (host) => expect(isLoopback(host)).toBe(false))
