/** The text without a leading byte order mark, which `JSON.parse` would reject; Windows editors add one. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
