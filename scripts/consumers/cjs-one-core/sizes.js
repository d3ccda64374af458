// Prints the size of every CommonJS file of core as installed, and fails when core's own code or the bundled
// TypeBox is in more than one of them (each entry bundling its own copy, as before shared chunks). The ESM
// files are held to the same, except that they import TypeBox instead of bundling it.
const { strict: assert } = require('node:assert')
const { readdirSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const dist = join(dirname(require.resolve('@blinger-webhooks/core/package.json')), 'dist')

function read(extension) {
  return readdirSync(dist)
    .filter((name) => name.endsWith(extension) && !name.endsWith(`.d${extension}`))
    .map((name) => ({ name, text: readFileSync(join(dist, name), 'utf8') }))
}

// Where each is defined: core's error class, its emitter, its schemas, and TypeBox (esbuild heads each bundled
// module with a comment naming its source file).
const markers = {
  WebhookError: /\b(?:class|var|let|const) WebhookError\b/,
  TypedEmitter: /\b(?:class|var|let|const) TypedEmitter\b/,
  PayloadSchemaByEventName: /\b(?:var|let|const) PayloadSchemaByEventName\b/,
  TypeBox: /\/typebox\/build\//,
}

for (const [format, extension] of [
  ['CommonJS', '.cjs'],
  ['ESM', '.js'],
]) {
  const files = read(extension)
  let total = 0
  for (const { name, text } of files) {
    const bytes = Buffer.byteLength(text)
    total += bytes
    if (format === 'CommonJS')
      console.log(`@blinger-webhooks/core/dist/${name}: ${(bytes / 1024).toFixed(1)} kB`)
  }
  console.log(
    `@blinger-webhooks/core ${format} total: ${(total / 1024).toFixed(1)} kB in ${files.length} files`,
  )
  for (const [what, marker] of Object.entries(markers)) {
    const holding = files.filter(({ text }) => marker.test(text)).map(({ name }) => name)
    const expected = what === 'TypeBox' && format === 'ESM' ? 0 : 1
    assert.equal(
      holding.length,
      expected,
      `${what} is bundled in ${holding.length} ${format} files of core: ${holding.join(', ')}`,
    )
  }
}
console.log(
  'core: WebhookError, TypedEmitter and the schemas bundled once in each format, TypeBox once in CommonJS',
)
