-- wrk script: answer the Ask_Order screen of examples/Order_Discount.flow-meta.xml over the JSON
-- API, with an amount its validation rule refuses, so every request loads the interview from
-- SQLite, resumes it, and stores it again at the same screen. Set ID and TOKEN in the environment
-- (from POST /api/v1/flows/Order_Discount/interviews).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"answers": {"Amount": -1, "Tier": "Gold"}, "action": "next"}'
wrk.path = "/api/v1/interviews/" .. os.getenv("ID")
