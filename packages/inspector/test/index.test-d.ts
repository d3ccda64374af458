import { describe, expectTypeOf, test } from 'vitest'
import {
  type Delivery,
  type DeliverySummary,
  findUnknownFields,
  type Inspector,
  type InspectorOptions,
  startInspector,
} from '../src/index.js'

describe('public types', () => {
  test('startInspector takes optional options and resolves to an Inspector', () => {
    expectTypeOf(startInspector).parameter(0).toEqualTypeOf<InspectorOptions | undefined>()
    expectTypeOf(startInspector).returns.resolves.toEqualTypeOf<Inspector>()
    expectTypeOf<Inspector['url']>().toEqualTypeOf<string>()
    expectTypeOf<ReturnType<Inspector['deliveries']>>().toEqualTypeOf<Delivery[]>()
    // @ts-expect-error: the port is a number here; the command helper is the one that takes strings
    startInspector({ port: '4000' })
  })

  test('a delivery is its summary plus the detail; the payload is unknown until checked', () => {
    expectTypeOf<Delivery>().toExtend<DeliverySummary>()
    expectTypeOf<Delivery['payload']>().toBeUnknown()
    expectTypeOf(findUnknownFields).returns.toEqualTypeOf<string[]>()
  })
})
