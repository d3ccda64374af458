import { defineConfig } from 'tsup'
import { libraryConfig } from '../../tsup.config.base.js'

export default defineConfig(libraryConfig())
