import { describe, expect, test } from 'vitest'
import { counterDigits, loadRequestFor } from '../src/load-request.js'
import { url } from '../src/payloads.js'

describe('loadRequestFor', () => {
  test('our cases and the bare routes get a counter over 10 digits of the 918-byte sample', () => {
    for (const name of ['node-ours', 'node:http-bare', 'fastify-ours-dedupe-off'] as const) {
      const request = loadRequestFor(name)
      expect(request).toMatchObject({
        method: 'POST',
        path: url,
        headers: { 'content-type': 'application/json' },
      })
      expect(request.body.length).toBe(918)
      const at = request.counterAt ?? -1
      expect(request.body.subarray(at, at + counterDigits).toString('latin1')).toMatch(/^\d{10}$/)
    }
  })

  test('-duplicate and octokit send one body every time; octokit signs it', () => {
    expect(loadRequestFor('node-ours-duplicate').counterAt).toBeUndefined()
    const octokit = loadRequestFor('octokit')
    expect(octokit.counterAt).toBeUndefined()
    expect(octokit.body.length).toBe(918)
    expect(octokit.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/)
  })
})
