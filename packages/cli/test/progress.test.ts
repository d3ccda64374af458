import { describe, expect, it } from 'vitest'
import { createProgressBar, emptyCounts, formatProgress, formatSummary } from '../src/progress.js'

const counts = {
  ...emptyCounts(),
  sent: 9,
  ok: 6,
  clientErrors: 1,
  serverErrors: 1,
  networkErrors: 1,
  skipped: 1,
}

describe('formatSummary', () => {
  it('always names sent, 2xx, 4xx, 5xx and network errors; other and skipped only when not 0', () => {
    expect(formatSummary(emptyCounts())).toBe('sent 0, 2xx 0, 4xx 0, 5xx 0, network errors 0')
    expect(formatSummary({ ...counts, other: 2 })).toBe(
      'sent 9, 2xx 6, 4xx 1, 5xx 1, network errors 1, other 2, skipped 1',
    )
  })

  it('names the duplicates among the 2xx, only when there are some', () => {
    expect(formatSummary({ ...emptyCounts(), sent: 3, ok: 3, duplicates: 2 })).toBe(
      'sent 3, 2xx 3 (2 duplicates), 4xx 0, 5xx 0, network errors 0',
    )
  })
})

describe('formatProgress', () => {
  it('draws a bar proportional to what is done, within the terminal width', () => {
    const line = formatProgress(counts, 20, 80)
    expect(line).toBe('[####################--------------------] 10/20 2xx 6 4xx 1 5xx 1 err 1')
    expect(line.length).toBeLessThan(80)
    expect(formatProgress(counts, 10, 60)).toMatch(/^\[#+-*\] 10\/10 /)
  })

  it('leaves the bar out when the total is unknown or the terminal too narrow', () => {
    expect(formatProgress(counts, undefined, 80)).toBe('10/? 2xx 6 4xx 1 5xx 1 err 1')
    expect(formatProgress(counts, 20, 30)).toBe('10/20 2xx 6 4xx 1 5xx 1 err 1')
    expect(formatProgress(counts, 20, 12)).toHaveLength(11)
  })
})

describe('createProgressBar', () => {
  it('redraws in place, prints lines above the bar and clears it', () => {
    let screen = ''
    const bar = createProgressBar({ write: (text: string) => (screen += text), columns: 80 }, 2)
    bar.draw({ ...emptyCounts(), sent: 1, ok: 1 })
    bar.print('401 user.new x.ndjson:2', { ...emptyCounts(), sent: 2, ok: 1, clientErrors: 1 })
    bar.clear()
    expect(screen.split('\r\u001b[2K')).toEqual([
      '',
      expect.stringMatching(/^\[#+-+\] 1\/2 2xx 1 /),
      '401 user.new x.ndjson:2\n',
      expect.stringMatching(/^\[#+\] 2\/2 2xx 1 4xx 1 /),
      '',
    ])
  })
})
