#!/usr/bin/env node
/** @module The `blinger-webhooks` executable. */
import { messageFrom } from '@blinger-webhooks/core/internal'
import { runCli } from './run-cli.js'

// `blinger-webhooks replay … | head` closes the pipe early: stop quietly, as Unix tools do, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(messageFrom('cli')(`${error.message}\n`))
    process.exit(error.code === 'EPIPE' ? Number(process.exitCode) || 0 : 1)
  })
}

process.exitCode = await runCli(process.argv.slice(2))
