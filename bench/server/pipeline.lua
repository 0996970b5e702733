-- wrk script for bench/server/run.sh: HTTP/1.1 pipelining, 16 requests per write.
--   wrk -t1 -c100 -d10s -s bench/server/pipeline.lua http://127.0.0.1:8080/
-- wrk parses the string that request() returns when it starts and counts the requests in it
-- (script_verify_request): each connection then writes all 16 at once, counts every response
-- it parses (Requests/sec, "N requests in") and writes the next 16 once the 16th response
-- arrived. Its latency figures are per batch of 16, not per request.
local depth = tonumber(os.getenv("PIPELINE_DEPTH")) or 16
local batch

init = function(args)
  local requests = {}
  for i = 1, depth do requests[i] = wrk.format("GET", "/") end
  batch = table.concat(requests)
end

request = function()
  return batch
end
