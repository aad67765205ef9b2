-- Applies every limit of one rate-limit policy to each decision of a batch, in order, in one step: a request passes
-- only when each limit allows it, and then counts against each one; a refused request counts against none. Each
-- counter is read once and written once however many decisions of the batch touch it. Time is the server's, so
-- gateways whose clocks differ still count alike.
--
-- ARGV     for each limit i of L = #ARGV / 4, from 4 * (i - 1) + 1: kind ('g' GCRA, 'w' sliding window),
--          period (µs), requests, burst
-- KEYS     for each decision d of D = #KEYS / L, from L * (d - 1) + 1: the counters of its L limits; in a cluster
--          every key of one run must share a hash slot
-- returns  for each decision in order: 1 when allowed, else 0; then for each limit: 1 if it allows, remaining,
--          reset (µs), retry (µs)
--
-- The same arithmetic as the Java classes Gcra and SlidingWindow, in microseconds.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local limits = #ARGV / 4

-- the limits, read once: what each decision computes does not allocate (many decisions may share a run)
local kind, period, requests, interval, tolerance = {}, {}, {}, {}, {}
for i = 1, limits do
  local base = (i - 1) * 4
  kind[i], period[i], requests[i] = ARGV[base + 1], tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  interval[i] = period[i] / requests[i]
  tolerance[i] = interval[i] * tonumber(ARGV[base + 4])
end

local counters = {} -- key -> its state: read on first use, changed by each allowed decision
local changed = {}  -- keys to write at the end, in the order they first changed

local function counter(key, i)
  local state = counters[key]
  if state == nil then
    state = {limit = i}
    if kind[i] == 'g' then
      state.tat = tonumber(redis.call('GET', key))
    else
      local stored = redis.call('HMGET', key, 'i', 'c', 'p')
      state.i, state.c, state.p = tonumber(stored[1]), tonumber(stored[2]), tonumber(stored[3])
    end
    counters[key] = state
  end
  return state
end

-- GCRA: where a limit stands once the request arriving at theoretical time 'arrival' is counted
local function gcra_status(i, arrival)
  local remaining = math.floor((now + tolerance[i] - arrival) / interval[i])
  if remaining > 0 then
    return 1, remaining, arrival - now, 0
  end
  return 1, 0, math.max(0, arrival + interval[i] - tolerance[i] - now), 0
end

-- sliding window: how long until one more request fits, with 'count' counted in the current window
local function until_next(i, count, previous, left)
  if count + 1 <= requests[i] then
    if previous == 0 then
      return 0
    end
    return math.max(0, math.ceil(left - (requests[i] - 1 - count) * period[i] / previous))
  end
  return left + math.max(0, math.ceil(period[i] - (requests[i] - 1) * period[i] / count))
end

local function window_status(i, count, previous, left)
  local remaining = math.max(0, math.floor(requests[i] - (previous * left / period[i] + count)))
  if remaining > 0 then
    return 1, remaining, left, 0
  end
  return 1, 0, until_next(i, count, previous, left), 0
end

-- per decision, for each limit: its counter, whether it allows, and what its outcome is computed from (reused)
local state, allows, first_value, second_value, third_value = {}, {}, {}, {}, {}
local reply, n = {}, 0

local function put(allowed, remaining, reset, retry)
  reply[n + 1], reply[n + 2], reply[n + 3], reply[n + 4] = allowed, remaining, reset, retry
  n = n + 4
end

for first = 0, #KEYS - limits, limits do
  local allowed = 1
  for i = 1, limits do
    local key = KEYS[first + i]
    local s = counter(key, i)
    state[i] = s
    if kind[i] == 'g' then
      local tat = now
      if s.tat then
        tat = math.max(s.tat, now)
      end
      first_value[i], second_value[i] = tat, tat + interval[i]
      allows[i] = tat + interval[i] - tolerance[i] <= now
    else
      local index = math.floor(now / period[i])
      local current, previous = s.c or 0, s.p or 0
      if s.i == nil or s.i < index - 1 then
        current, previous = 0, 0
      elseif s.i == index - 1 then
        current, previous = 0, current
      else
        index = s.i
      end
      local left = math.max(0, (index + 1) * period[i] - now)
      first_value[i], second_value[i], third_value[i] = current, previous, left
      allows[i] = previous * left / period[i] + current + 1 <= requests[i]
      s.next_index = index
    end
    if not allows[i] then
      allowed = 0
    end
  end
  n = n + 1
  reply[n] = allowed
  for i = 1, limits do
    local s = state[i]
    if kind[i] == 'g' then
      local tat, next_tat = first_value[i], second_value[i]
      if not allows[i] then
        local retry = math.max(0, next_tat - tolerance[i] - now)
        put(0, 0, retry, retry)
      elseif allowed == 1 then
        s.tat = next_tat
        put(gcra_status(i, next_tat))
      else
        put(gcra_status(i, tat))
      end
    else
      local current, previous, left = first_value[i], second_value[i], third_value[i]
      if not allows[i] then
        local retry = until_next(i, current, previous, left)
        put(0, 0, retry, retry)
      elseif allowed == 1 then
        s.i, s.c, s.p = s.next_index, current + 1, previous
        put(window_status(i, current + 1, previous, left))
      else
        put(window_status(i, current, previous, left))
      end
    end
    if allowed == 1 and not s.changed then
      s.changed = true
      changed[#changed + 1] = KEYS[first + i]
    end
  end
end

for _, key in ipairs(changed) do
  local s = counters[key]
  if kind[s.limit] == 'g' then
    redis.call('SET', key, string.format('%.0f', s.tat), 'PX', math.ceil((s.tat - now) / 1000) + 1)
  else
    redis.call('HSET', key, 'i', string.format('%.0f', s.i), 'c', s.c, 'p', s.p)
    redis.call('PEXPIRE', key, math.ceil(2 * period[s.limit] / 1000))
  end
end
return reply
