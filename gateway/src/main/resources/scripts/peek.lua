-- How long until a token bucket has a token again, without taking one (docs/security.md):
--   KEYS[1]  the bucket   ARGV[1]  its capacity per minute
-- Returns the wait in milliseconds; 0 when a token is there now. Same arithmetic as admit.lua.
local capacity = tonumber(ARGV[1])
local rate = capacity / 60000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local level = tonumber(state[1]) or capacity
local last = tonumber(state[2]) or now
level = math.min(capacity, level + math.max(0, now - last) * rate)
if level >= 1 then
  return 0
end
return math.ceil((1 - level) / rate)
