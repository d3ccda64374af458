import { createMemoryStore } from '@blinger-webhooks/core'
import { describeStoreConformance } from '../../src/store/index.js'

describeStoreConformance('core createMemoryStore', () => createMemoryStore())
