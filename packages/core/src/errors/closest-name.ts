/**
 * The known name a mistyped one most likely meant, for "did you mean …?" in misuse errors: the same name in
 * another case first, else the nearest by edit distance (case-insensitive) within a third of its length,
 * so `handlertimeout` finds `handlerTimeout` and `conversation.close` finds `conversation.closed`, but an
 * unrelated word suggests nothing rather than a guess.
 */
export function closestName(given: string, known: Iterable<string>): string | undefined {
  const wanted = given.toLowerCase()
  let best: string | undefined
  let bestDistance = Math.max(2, Math.ceil(wanted.length / 3)) + 1
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase())
    if (distance < bestDistance) {
      best = name
      bestDistance = distance
    }
  }
  return best
}

/** Levenshtein distance with one row: insertions, deletions and substitutions each cost 1. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length] as number
}

/** ` Did you mean \`x\`?` when a close name exists, else nothing: the tail of a misuse error. */
export function didYouMean(given: string, known: Iterable<string>): string {
  const closest = closestName(given, known)
  return closest === undefined ? '' : ` Did you mean \`${closest}\`?`
}
