import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

// docs/options.md is made from the option interfaces' JSDoc, so the reference and the `@default` tags the
// editor shows cannot disagree. `pnpm docs:options` writes it; a test fails when the committed file is stale.

const root = new URL('../../', import.meta.url)

/** One documented declaration: where it lives, and how the page names it. */
interface Source {
  readonly file: string
  readonly declaration: string
  readonly title: string
  readonly intro: string
  /** Only these members, when the declaration holds others that belong elsewhere. */
  readonly only?: readonly string[]
  /** How a member is named on the page, e.g. `dedupe.ttl`. */
  readonly prefix?: string
}

const sources: readonly Source[] = [
  {
    file: 'packages/core/src/receiver-options.ts',
    declaration: 'ReceiverOptions',
    title: 'Receiver options',
    intro:
      "`createReceiver(options)` and every adapter's `blingerWebhooks(options)` take these. A key not listed here throws at once, with the closest known one.",
  },
  {
    file: 'packages/core/src/receiver-options.ts',
    declaration: 'DedupeOptions',
    title: '`dedupe: { … }`',
    intro:
      'With `dedupe` given as an object. A delivery whose handlers still run counts as seen; one whose handlers failed is released from the store, so a retry is processed again.',
    prefix: 'dedupe.',
  },
  {
    file: 'packages/core/src/order/resolve-order.ts',
    declaration: 'OrderLimitsOption',
    title: '`orderLimits: { … }`',
    intro:
      'With `order` set: caps on the deliveries waiting for their turn (the running ones are not counted). See [ordering.md](ordering.md).',
    prefix: 'orderLimits.',
  },
  {
    file: 'packages/core/src/ndjson/create-ndjson-writer.ts',
    declaration: 'NdjsonFileTarget',
    title: '`deadLetters: { path, … }`',
    intro:
      'Dead letters kept in a file (`{ stream }` writes to any object with `write(line)` instead; `false` keeps nothing). The recorder takes the same.',
    prefix: 'deadLetters.',
  },
  {
    file: 'packages/core/src/alerts/alert-options.ts',
    declaration: 'AlertOptions',
    title: '`alerts: { … }`',
    intro:
      'Alarms raised as lifecycle events and `console.warn` lines, never naming a token: see [alerts.md](alerts.md). Each instance behind a load balancer watches its own share of the requests.',
    prefix: 'alerts.',
  },
  {
    file: 'packages/core/src/alerts/alert-options.ts',
    declaration: 'UnauthorizedAlertOptions',
    title: '`alerts.unauthorized: { … }`',
    intro:
      'The `unauthorized` alarm: wrong tokens and no right one, a token rotated on one side only. Requests without any token are counted apart and never raise it.',
    prefix: 'alerts.unauthorized.',
  },
  {
    file: 'packages/core/src/resolve-receiver.ts',
    declaration: 'MountedReceiverOptions',
    title: '`receiver` (adapters)',
    intro: 'Instead of all the options above; only `path` may go beside it.',
  },
  {
    file: 'packages/express/src/index.ts',
    declaration: 'ExpressWebhooksOptions',
    title: '`path` (adapters)',
    intro:
      'Express, Koa and node:http pass other paths to `next()`; fetch and node:http without `next` answer them 404 `not_found`; Fastify uses it as the route (default `/webhooks/blinger`, under the register `prefix`).',
    only: ['path'],
  },
  {
    file: 'packages/core/src/create-receiver.ts',
    declaration: 'CloseOptions',
    title: '`close({ … })`',
    intro: "`await hooks.close(options)` on every adapter's value, and `receiver.close(options)`.",
    prefix: 'close.',
  },
]

interface Member {
  readonly name: string
  readonly text: string
  readonly fallback: string | undefined
}

function membersOf(source: Source): Member[] {
  const path = fileURLToPath(new URL(source.file, root))
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Member[] = []
  const visit = (node: ts.Node) => {
    if (
      (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) &&
      node.name.text === source.declaration
    ) {
      node.forEachChild(function collect(child) {
        if (ts.isPropertySignature(child) && ts.isIdentifier(child.name)) {
          const name = child.name.text
          if (source.only === undefined || source.only.includes(name)) found.push(memberOf(name, child))
        }
        child.forEachChild(collect)
      })
    }
    node.forEachChild(visit)
  }
  visit(file)
  if (found.length === 0) throw new Error(`${source.declaration} has no documented members in ${source.file}`)
  return found
}

function memberOf(name: string, node: ts.PropertySignature): Member {
  const [doc] = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)
  const text = oneLine(ts.getTextOfJSDocComment(doc?.comment) ?? '')
  const tag = doc?.tags?.find((t) => t.tagName.text === 'default')
  const fallback = tag === undefined ? undefined : oneLine(ts.getTextOfJSDocComment(tag.comment) ?? '')
  if (text === '') throw new Error(`${name} has no JSDoc text`)
  return { name, text, fallback }
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The whole page, as committed in docs/options.md. */
export function optionsReference(): string {
  const out = [
    '# Options',
    '',
    '<!-- Generated by scripts/docs/options-reference.ts from the JSDoc of the option interfaces: edit those, then run `pnpm docs:options`. -->',
    '',
  ]
  for (const source of sources) {
    out.push(`## ${source.title}`, '', source.intro, '')
    for (const member of membersOf(source)) {
      const fallback = member.fallback === undefined ? '' : ` Default: ${asCode(member.fallback)}.`
      out.push(`- **\`${source.prefix ?? ''}${member.name}\`**: ${member.text}${fallback}`)
    }
    out.push('')
  }
  return `${out.join('\n').trimEnd()}\n`
}

// A default that is a plain value reads best as code; one with words around it (`600_000 (10 min)`) keeps them.
function asCode(text: string): string {
  const match = /^(\S+)(.*)$/.exec(text)
  const value = match?.[1] ?? ''
  if (match === null || !/^(['"\d]|true\b|false\b|undefined\b|[a-z]+[A-Z]\w*$)/.test(value)) return text
  return `\`${match[1]}\`${match[2]}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('docs/options.md', root), optionsReference())
}
