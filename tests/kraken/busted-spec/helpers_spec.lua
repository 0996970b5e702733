-- busted's own helpers under the runtime: setup/teardown, finally, insulate, tags, and the
-- luasystem clock busted takes its times from.
local calls = {}

describe("busted's blocks", function()
  setup(function() calls[#calls + 1] = "setup" end)
  teardown(function() calls[#calls + 1] = "teardown" end)

  it("runs setup once before the tests", function()
    assert.are.same({ "setup" }, calls)
  end)

  it("runs finally after a test", function()
    local closed = false
    finally(function() closed = true end)
    assert.is_false(closed)
  end)

  insulate("an insulated block", function()
    _G.leaked_from_insulate = true
    it("sees its own globals", function()
      assert.is_true(_G.leaked_from_insulate)
    end)
  end)

  it("does not see an insulated block's globals", function()
    assert.is_nil(_G.leaked_from_insulate)
  end)

  it("has a clock that moves forward #clock", function()
    local system = require "system"
    local t0 = system.monotime()
    system.sleep(0.01)
    assert.is_true(system.monotime() >= t0)
    assert.is_number(system.gettime())
  end)

  it("compares tables deeply and numbers near", function()
    assert.are.same({ a = { 1, 2, { b = "c" } } }, { a = { 1, 2, { b = "c" } } })
    assert.are_not.same({ 1 }, { 1, 2 })
    assert.is.near(0.3, 0.1 + 0.2, 1e-12)
    assert.matches("^%d+ items$", "12 items")
    assert.truthy(next({ 1 }))
    assert.falsy(nil)
  end)
end)
