-- wrk script for benchmarks/serve-wrk.sh: answer the Ask screen of benchmarks/Screen_Loop.flow-meta.xml
-- over the JSON API, round-robin over many interviews (their ids, one per line, in the file $IDS),
-- each thread over its own share so no two requests in flight answer the same interview.
-- Every request claims its interview, resumes it, creates a record, and stores the interview.
local counter = 0
local threads = {}

function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
end

function init(args)
    ids = {}
    local position = 0
    local count = tonumber(os.getenv("THREADS") or "2")
    for line in io.lines(os.getenv("IDS")) do
        if position % count == index then table.insert(ids, line) end
        position = position + 1
    end
    headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
end

function request()
    counter = counter + 1
    local id = ids[(counter % #ids) + 1]
    return wrk.format("POST", "/api/v1/interviews/" .. id, headers, '{"answers": {"Amount": 42}, "action": "next"}')
end
