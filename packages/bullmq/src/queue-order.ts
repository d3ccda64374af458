import type { RedisClient } from 'bullmq'

/**
 * A job's place in its conversation, fixed at enqueue: the conversation's key, its sequence number there, and
 * the epoch of the Redis hash that numbered it (a hash that expired and was made again numbers from 1 anew).
 */
export interface OrderTurn {
  readonly key: string
  readonly seq: number
  readonly epoch: string
}

/** How long a conversation's hash outlives its last use: only a conversation left with waiting jobs keeps one. */
export const orderTtl = 24 * 60 * 60 * 1000

/** The Redis hash of conversation `key`: beside the queue's own keys, under the same prefix. */
export function orderHashKey(keyPrefix: string, queueName: string, key: string): string {
  return `${keyPrefix}:${queueName}:blinger-order:${key}`
}

// One hash per conversation: `seq` (the last number given), `head` (the number whose turn it is), `epoch`, and
// one field per number not yet passed, `<number>` → `<deadline ms> <job id>`: the job to wait for, and until when
// its enqueue may still land. Redis's clock (TIME) is the only clock, so machines' clocks never disagree.
const now = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

/** KEYS: hash. ARGV: job id, ttl, ms an enqueue may take. Returns { epoch, seq }. */
const assignLua = `${now}
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = t[1] .. t[2]
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'head', 1, 'seq', 0)
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], seq, (now + tonumber(ARGV[3])) .. ' ' .. ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return { epoch, seq }`

/**
 * KEYS: hash, the queue's key base (\`<prefix>:<queue>:\`, a job's key is it and its id). ARGV: epoch, seq, ttl.
 * Passes every turn whose job ended without passing it (its worker died after BullMQ recorded it: \`finishedOn\`),
 * or whose job is gone past its enqueue's deadline (never stored, or removed); returns 1 when it is this job's
 * turn (or the order was lost with its hash), else 0.
 */
const takeLua = `if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 1 end
${now}
local seq = tonumber(ARGV[2])
local head = tonumber(redis.call('HGET', KEYS[1], 'head'))
while head < seq do
  local entry = redis.call('HGET', KEYS[1], head)
  local passed = true
  if entry then
    local space = string.find(entry, ' ', 1, true)
    local jobKey = KEYS[2] .. string.sub(entry, space + 1)
    if redis.call('EXISTS', jobKey) == 1 then
      passed = redis.call('HEXISTS', jobKey, 'finishedOn') == 1
    else
      passed = now > tonumber(string.sub(entry, 1, space - 1))
    end
  end
  if not passed then break end
  redis.call('HDEL', KEYS[1], head)
  head = head + 1
end
redis.call('HSET', KEYS[1], 'head', head)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if head >= seq then return 1 end
return 0`

/**
 * KEYS: hash, the queue's delayed set. ARGV: epoch, seq, ttl. Passes the turn if it is still \`seq\`'s (so a
 * late or repeated call never skips one); deletes the hash once no job waits. Returns the id of the job whose
 * turn it now is when that job sits in the delayed set (taken out of turn before), to be promoted.
 */
const passLua = `if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return false end
local seq = tonumber(ARGV[2])
if tonumber(redis.call('HGET', KEYS[1], 'head')) ~= seq then return false end
if seq >= tonumber(redis.call('HGET', KEYS[1], 'seq')) then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('HDEL', KEYS[1], seq)
redis.call('HSET', KEYS[1], 'head', seq + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local entry = redis.call('HGET', KEYS[1], seq + 1)
if not entry then return false end
local id = string.sub(entry, string.find(entry, ' ', 1, true) + 1)
if not redis.call('ZSCORE', KEYS[2], id) then return false end
return id`

const commands = {
  blingerOrderAssign: { numberOfKeys: 1, lua: assignLua },
  blingerOrderTake: { numberOfKeys: 2, lua: takeLua },
  blingerOrderPass: { numberOfKeys: 2, lua: passLua },
} as const

const defined = new WeakSet<RedisClient>()
/** BullMQ's client with our three scripts on it (EVALSHA, loaded again after a Redis restart). */
function withCommands(client: RedisClient): RedisClient {
  if (!defined.has(client)) {
    for (const [name, definition] of Object.entries(commands)) client.defineCommand(name, definition)
    defined.add(client)
  }
  return client
}

/** Gives job `jobId` the next number of conversation `hashKey`, before the job is stored. */
export async function assignTurn(
  client: RedisClient,
  hashKey: string,
  jobId: string,
  enqueueMs: number,
): Promise<Omit<OrderTurn, 'key'>> {
  const [epoch, seq] = (await withCommands(client).runCommand('blingerOrderAssign', [
    hashKey,
    jobId,
    orderTtl,
    enqueueMs,
  ])) as [string, number]
  return { epoch: String(epoch), seq: Number(seq) }
}

/** Whether it is the job's turn (passing the turns of jobs that ended unseen first). */
export async function takeTurn(
  client: RedisClient,
  hashKey: string,
  jobKeyBase: string,
  turn: OrderTurn,
): Promise<boolean> {
  // A hash starts at 1 and its head only grows, so number 1 always has its turn: no round trip.
  if (turn.seq === 1) return true
  const taken = await withCommands(client).runCommand('blingerOrderTake', [
    hashKey,
    jobKeyBase,
    turn.epoch,
    turn.seq,
    orderTtl,
  ])
  return Number(taken) === 1
}

/**
 * Passes the turn after the job ended for good; resolves with the id of the job whose turn it now is when that
 * job waits in the delayed set, so the caller promotes it.
 */
export async function passTurn(
  client: RedisClient,
  hashKey: string,
  delayedKey: string,
  turn: OrderTurn,
): Promise<string | undefined> {
  const head: unknown = await withCommands(client).runCommand('blingerOrderPass', [
    hashKey,
    delayedKey,
    turn.epoch,
    turn.seq,
    orderTtl,
  ])
  return typeof head === 'string' ? head : undefined
}

/** Whether job data carries a turn (a receiver with `order` enqueued it). */
export function isOrderTurn(value: unknown): value is OrderTurn {
  const turn = value as Partial<OrderTurn> | undefined
  return typeof turn?.key === 'string' && typeof turn.seq === 'number' && typeof turn.epoch === 'string'
}
