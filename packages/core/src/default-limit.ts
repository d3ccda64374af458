/** The largest body a receiver accepts unless its `limit` option says otherwise: 5 MiB. */
export const defaultLimit = 5 * 1024 * 1024
