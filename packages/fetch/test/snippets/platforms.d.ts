// The one export each README snippet imports from a platform package, typed as that package does, so the
// snippets compile without installing Next.js or @vercel/functions.

declare module 'next/server' {
  /** Runs `task` after the response was sent; on Vercel, through its waitUntil. */
  export function after<T>(task: Promise<T> | (() => T | Promise<T>)): void
}

declare module '@vercel/functions' {
  /** Keeps the function running until `promise` settles. */
  export function waitUntil(promise: Promise<unknown>): void
}
