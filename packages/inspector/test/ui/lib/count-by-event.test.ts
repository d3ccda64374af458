import { expect, test } from 'vitest'
import { countByEvent, eventKey, otherEvents } from '../../../ui/lib/count-by-event.js'

const known = ['message.incoming', 'user.new']

test('counts every known event (zero included) and gathers the rest under "other"', () => {
  const deliveries = [{ name: 'user.new' }, { name: 'user.new' }, { name: 'unknown' }, { name: null }]
  expect([...countByEvent(deliveries, known)]).toEqual([
    ['message.incoming', 0],
    ['user.new', 2],
    [otherEvents, 2],
  ])
  expect([...countByEvent([], known)]).toEqual([
    ['message.incoming', 0],
    ['user.new', 0],
  ])
})

test('eventKey is the event name, or "other"', () => {
  expect(eventKey({ name: 'user.new' }, known)).toBe('user.new')
  expect(eventKey({ name: 'unknown' }, known)).toBe(otherEvents)
  expect(eventKey({ name: null }, known)).toBe(otherEvents)
})
