import { createMemoryStore } from '@blinger-webhooks/core'
import { describeStoreConformance } from '../src/index.js'

describeStoreConformance('core createMemoryStore', () => createMemoryStore())
