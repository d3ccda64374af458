import { createServer, type RequestListener, type Server } from 'node:http'

/**
 * One process serving several apps as routes: `/<route>/…` goes to the app named `<route>`, which sees the
 * path without that prefix, as it would alone on its server. How the HTTP benches put a case and its baseline
 * in one process (`pairing.ts`); the dispatch costs every route the same.
 */
export function routeServer(routes: ReadonlyMap<string, RequestListener>): Server {
  return createServer((req, res) => {
    const url = req.url ?? '/'
    const end = url.indexOf('/', 1)
    const route = end === -1 ? undefined : routes.get(url.slice(1, end))
    if (route === undefined) {
      res.writeHead(404).end()
      return
    }
    req.url = url.slice(end)
    route(req, res)
  })
}

/** The path that reaches `path` of the app served as `route` by `routeServer`. */
export const routedPath = (route: string, path: string): string => `/${route}${path}`
