-- Decides in one atomic step whether a request may pass (docs/security.md):
--   KEYS[1]  tenant status key   (present = tenant not ACTIVE; its value is the status)
--   KEYS[2]  revoked session key (present = the token's session was ended)
--   KEYS[3]  tenant limit key    (present = the tenant's plan sets its requests per minute)
--   KEYS[4…] token buckets, ARGV[i] = capacity per minute of KEYS[i + 3]; the plan's limit,
--            when set, replaces the capacity of the first bucket (the tenant's)
-- Buckets refill continuously at capacity/minute; a request takes one token from every
-- bucket or from none. Time comes from Redis, so every gateway replica sees the same clock.
-- Returns {code, remaining, limit, retryAfterMs, resetSeconds, status}
--   code 0 = admitted, 1 = tenant not active, 2 = session revoked, 3 = rate limited
local status = redis.call('GET', KEYS[1])
if status then
  return {1, '0', '0', '0', '0', status}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {2, '0', '0', '0', '0', ''}
end
local capacities = {}
for i = 1, #ARGV do
  capacities[i] = tonumber(ARGV[i])
end
local plan = redis.call('GET', KEYS[3])
if plan then
  capacities[1] = tonumber(plan)
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local levels = {}
local admitted = true
local retry = 0
for i = 4, #KEYS do
  local capacity = capacities[i - 3]
  local rate = capacity / 60000
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local level = tonumber(state[1]) or capacity
  local last = tonumber(state[2]) or now
  level = math.min(capacity, level + math.max(0, now - last) * rate)
  levels[i] = level
  if level < 1 then
    admitted = false
    retry = math.max(retry, math.ceil((1 - level) / rate))
  end
end
local remaining, limit, reset = nil, 0, 0
for i = 4, #KEYS do
  local capacity = capacities[i - 3]
  local rate = capacity / 60000
  local level = levels[i]
  if admitted then
    level = level - 1
  end
  redis.call('HSET', KEYS[i], 'tokens', tostring(level), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[i], 120000)
  local left = math.floor(level)
  if remaining == nil or left < remaining then
    remaining = left
    limit = capacity
    reset = math.ceil((capacity - level) / rate / 1000)
  end
end
return {admitted and 0 or 3, tostring(remaining or 0), tostring(limit), tostring(retry), tostring(reset), ''}
