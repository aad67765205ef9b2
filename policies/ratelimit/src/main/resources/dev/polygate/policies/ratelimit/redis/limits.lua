-- Applies every limit of one rate-limit policy to one key, in one step: the request passes only when each limit
-- allows it, and then counts against each one; a refused request counts against none. Time is the server's, so
-- gateways whose clocks differ still count alike.
--
-- KEYS[i]  the counters of limit i; all share one hash tag, so in a cluster they live in one slot
-- ARGV     for each limit i, from 4 * (i - 1) + 1: kind ('g' GCRA, 'w' sliding window), period (µs), requests, burst
-- returns  1 when allowed, else 0; then for each limit: 1 if it allows, remaining, reset (µs), retry (µs)
--
-- The same arithmetic as the Java classes Gcra and SlidingWindow, in microseconds.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local writes = {}

local function gcra(i, period, requests, burst)
  local interval = period / requests
  local tolerance = interval * burst
  local stored = redis.call('GET', KEYS[i])
  local tat = now
  if stored then
    tat = math.max(tonumber(stored), now)
  end
  local function status(arrival)
    local remaining = math.floor((now + tolerance - arrival) / interval)
    if remaining > 0 then
      return {1, remaining, arrival - now, 0}
    end
    return {1, 0, math.max(0, arrival + interval - tolerance - now), 0}
  end
  local next_tat = tat + interval
  if next_tat - tolerance > now then
    local retry = math.max(0, next_tat - tolerance - now)
    return {0, 0, retry, retry}, nil
  end
  writes[i] = function()
    redis.call('SET', KEYS[i], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
  end
  return status(next_tat), status(tat)
end

local function window(i, period, requests)
  local index = math.floor(now / period)
  local stored = redis.call('HMGET', KEYS[i], 'i', 'c', 'p')
  local stored_index = tonumber(stored[1])
  local current = tonumber(stored[2]) or 0
  local previous = tonumber(stored[3]) or 0
  if stored_index == nil or stored_index < index - 1 then
    current, previous = 0, 0
  elseif stored_index == index - 1 then
    current, previous = 0, current
  else
    index = stored_index
  end
  local left = math.max(0, (index + 1) * period - now)
  local function until_next(count)
    if count + 1 <= requests then
      if previous == 0 then
        return 0
      end
      return math.max(0, math.ceil(left - (requests - 1 - count) * period / previous))
    end
    return left + math.max(0, math.ceil(period - (requests - 1) * period / count))
  end
  local function status(count)
    local remaining = math.max(0, math.floor(requests - (previous * left / period + count)))
    if remaining > 0 then
      return {1, remaining, left, 0}
    end
    return {1, 0, until_next(count), 0}
  end
  if previous * left / period + current + 1 > requests then
    local retry = until_next(current)
    return {0, 0, retry, retry}, nil
  end
  writes[i] = function()
    redis.call('HSET', KEYS[i], 'i', string.format('%.0f', index), 'c', current + 1, 'p', previous)
    redis.call('PEXPIRE', KEYS[i], math.ceil(2 * period / 1000))
  end
  return status(current + 1), status(current)
end

local after, before = {}, {}
local allowed = 1
for i = 1, #KEYS do
  local base = (i - 1) * 4
  local period, requests, burst = tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3]), tonumber(ARGV[base + 4])
  if ARGV[base + 1] == 'g' then
    after[i], before[i] = gcra(i, period, requests, burst)
  else
    after[i], before[i] = window(i, period, requests)
  end
  if before[i] == nil then
    allowed = 0
  end
end

local reply = {allowed}
for i = 1, #KEYS do
  local outcome = after[i]
  if allowed == 1 then
    writes[i]()
  elseif before[i] ~= nil then
    outcome = before[i]
  end
  for j = 1, 4 do
    reply[#reply + 1] = outcome[j]
  end
end
return reply
