// The `@blinger-webhooks/source` export condition points at src/, which lets the monorepo's tests and tsx run
// the TypeScript directly. src/ is not published (users run dist/), so the condition is dropped from the packed
// package.json rather than left pointing at files the tarball does not have.
const sourceCondition = '@blinger-webhooks/source'

function withoutSourceCondition(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== sourceCondition)
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  )
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports)
      return pkg
    },
  },
}
