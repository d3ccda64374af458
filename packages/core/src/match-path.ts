/**
 * Builds the path test of an adapter's `path` option. Without a path every request matches (the app's
 * router already chose). The query and a trailing slash are ignored.
 */
export function matchPath(path: string | undefined): (url: string) => boolean {
  if (path === undefined) return () => true
  const expected = trimSlash(path.startsWith('/') ? path : `/${path}`)
  return (url) => {
    const query = url.indexOf('?')
    return trimSlash(query === -1 ? url : url.slice(0, query)) === expected
  }
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}
