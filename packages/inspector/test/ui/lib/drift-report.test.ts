import { expect, test } from 'vitest'
import { driftReport } from '../../../ui/lib/drift-report.js'

test('lists each undeclared field with its value, as Markdown to paste into an issue', () => {
  const report = driftReport({
    name: 'user.new',
    webhook: 'on_user_new',
    payload: { user: { email: 'ann@example.com', tags: ['x'.repeat(100)] } },
    unknownFields: ['/user/email', '/user/tags'],
  })
  expect(report).toContain('`on_user_new` delivery')
  expect(report).toContain('- `/user/email`: `"ann@example.com"`')
  expect(report).toMatch(/- `\/user\/tags`: `\["x{78}…`/)
})
