import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

// shims: the CJS build finds the page (dist/ui) through import.meta.url too.
export default defineConfig(libraryConfig({ shims: true }))
