/**
 * @module Redis helpers for tests. Importing this module probes Redis once: in CI (`CI=true`) an unreachable
 * Redis fails the run; on a developer's machine the Redis suites are skipped with a message saying how to start it.
 */

export { createTcpProxy, type TcpProxy } from './create-tcp-proxy.js'
export { describeWithRedis, redisUrl, type TestRedis } from './describe-with-redis.js'
export { unusedPort } from './unused-port.js'
