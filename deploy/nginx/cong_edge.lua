-- Counting the pages nginx answers from its cache (deploy/nginx/cong.conf; docs/performance.md).
--
-- Django marks every answer that its statistics would count with `X-Cong-Count` (stats/edge.py):
-- "page", "page a:<article>", "page d:<document>" or "download f:<file>". The header is stored with the
-- page in nginx's cache and never sent to the reader. When nginx answers a GET from its cache (HIT,
-- STALE, UPDATING), Django never sees the request, so this module writes one line for it:
--
--     <milliseconds> TAB <X-Forwarded-For as nginx would send it> TAB <User-Agent> TAB <X-Cong-Count>
--     TAB <the prefetch headers>          (each field URI-escaped)
--
-- into a shared-memory list, and one worker moves the list to a Redis list (RPUSH, many lines at a time)
-- every 50 ms. `manage.py stats_flush` reads that list and counts every line by the same Python code as
-- a page Django served (stats.edge.edge_drain: the bot check, the visitor key, the Redis script), with the
-- time the page was served. So the definitions stay in one place, and nginx needs no secret.
--
-- Never twice: lines are sent once; when no connection to Redis can be made nothing was sent, and they
-- wait in shared memory for the next try, while pages skip the cache for 2 s (`down`), so that Django
-- serves and counts them (in PostgreSQL, its own fallback). A line sent whose answer was lost is not
-- sent again (it may be in Redis).

local M = {}

local shared = ngx.shared.cong_edge
local QUEUE = "queue"
local DOWN = "down"
local BATCH = 1000
local config = {}

local function escape(value)
    return ngx.escape_uri(value or "")
end

local function command(parts)
    local out = { "*", #parts, "\r\n" }
    for _, part in ipairs(parts) do
        out[#out + 1] = "$"
        out[#out + 1] = #part
        out[#out + 1] = "\r\n"
        out[#out + 1] = part
        out[#out + 1] = "\r\n"
    end
    return table.concat(out)
end

local function push_batch()
    local lines = {}
    for _ = 1, BATCH do
        local line = shared:lpop(QUEUE)
        if not line then
            break
        end
        lines[#lines + 1] = line
    end
    if #lines == 0 then
        return false
    end
    local sock = ngx.socket.tcp()
    sock:settimeouts(250, 500, 500)
    local ok, err = sock:connect(config.host, config.port)
    local request
    if ok then
        request = { command({ "RPUSH", config.key, unpack(lines) }) }
        if sock:getreusedtimes() == 0 and tonumber(config.db) ~= 0 then
            table.insert(request, 1, command({ "SELECT", tostring(config.db) }))
        end
    end
    if not ok then
        -- Nothing was sent: back to the front of the list, in their order, for the next try.
        for index = #lines, 1, -1 do
            shared:lpush(QUEUE, lines[index])
        end
        shared:set(DOWN, true, 2)
        ngx.log(ngx.WARN, "cong edge: Redis unreachable (", err, "): ", #lines, " page views wait")
        return false
    end
    local sent
    sent, err = sock:send(request)
    local answer
    if sent then
        for _ = 1, #request do
            answer, err = sock:receive("*l")
            if not answer then
                break
            end
        end
    end
    if not answer or answer:sub(1, 1) ~= ":" then
        sock:close()
        ngx.log(ngx.ERR, "cong edge: Redis did not answer (", err or answer, "): ", #lines,
            " page views not sent again")
        return false
    end
    shared:delete(DOWN)
    sock:setkeepalive(10000, 4)
    return #lines == BATCH
end

-- Every 50 ms, everything waiting (a busy second writes tens of thousands of lines).
local function push(premature)
    if premature then
        return
    end
    while push_batch() do
    end
end

-- init_worker_by_lua: options {host, port, db, key}; one worker moves the lines (one order).
function M.start(options)
    config = options
    if ngx.worker.id() == 0 then
        local ok, err = ngx.timer.every(0.05, push)
        if not ok then
            ngx.log(ngx.ERR, "cong edge: no timer: ", err)
        end
    end
end

-- access_by_lua: while Redis cannot be reached, the page goes to Django (which counts it) and is not kept.
function M.access()
    if shared:get(DOWN) then
        ngx.var.cong_edge_down = "1"
    end
end

-- header_filter_by_lua: what the page counts as, kept for the log phase; never sent to the reader.
function M.header()
    local count = ngx.header["X-Cong-Count"]
    if count then
        ngx.ctx.cong_count = count
        ngx.header["X-Cong-Count"] = nil
    end
end

local FROM_CACHE = { HIT = true, STALE = true, UPDATING = true }

-- log_by_lua: one line for a counted page answered from the cache (Django counted the others).
function M.log()
    local count = ngx.ctx.cong_count
    if not count or not FROM_CACHE[ngx.var.upstream_cache_status] or ngx.req.get_method() ~= "GET" then
        return
    end
    if ngx.status ~= 200 and ngx.status ~= 304 then  -- a 304 counts as the 200 it replaces, as in Django
        return
    end
    local var = ngx.var
    local purpose = table.concat({
        var.http_sec_purpose or "", var.http_purpose or "", var.http_x_purpose or "", var.http_x_moz or "",
    }, " ")
    -- What `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` sends Django.
    local forwarded = var.remote_addr
    if var.http_x_forwarded_for then
        forwarded = var.http_x_forwarded_for .. ", " .. forwarded
    end
    local line = table.concat({
        string.format("%d", ngx.now() * 1000),
        escape(forwarded),
        escape(string.sub(var.http_user_agent or "", 1, 1024)),
        escape(count),
        escape(purpose),
    }, "\t")
    local length, err = shared:rpush(QUEUE, line)
    if not length then
        ngx.log(ngx.ERR, "cong edge: page view not counted: ", err)
    end
end

return M
