-- busted specs for cart.lua: passing tests, one failing on purpose, one erroring on purpose, and
-- pending ones, with before_each/after_each, assert.are.same, spies, a stub and a mock.
local cart = require "cart"

local prices = { apple = 0.5, bread = 2.25, milk = 1.1 }

describe("a cart", function()
  local c

  before_each(function()
    c = cart.new(prices)
  end)

  after_each(function()
    c = nil
  end)

  it("starts empty", function()
    assert.are.equal(0, c:count())
    assert.are.same({}, c:lines())
    assert.is_true(c:total() == 0)
  end)

  it("adds items and counts them", function()
    c:add("apple", 3):add("bread")
    assert.are.equal(4, c:count())
    assert.are.same({ { name = "apple", quantity = 3 }, { name = "bread", quantity = 1 } }, c:lines())
  end)

  it("adds the same item up", function()
    c:add("milk"):add("milk", 2)
    assert.are.same({ { name = "milk", quantity = 3 } }, c:lines())
  end)

  it("totals the prices", function()
    c:add("apple", 4):add("bread", 2)
    assert.are.equal(6.5, c:total())
    assert.is_not.equal(6, c:total())
  end)

  it("removes items", function()
    c:add("apple")
    assert.is_true(c:remove("apple"))
    assert.is_false(c:remove("apple"))
    assert.are.equal(0, c:count())
  end)

  describe("refuses", function()
    it("unknown items", function()
      assert.has_error(function() c:add("caviar") end, "unknown item: caviar")
    end)

    it("bad quantities", function()
      assert.has_error(function() c:add("apple", 0) end)
      assert.has_error(function() c:add("apple", 1.5) end)
      assert.error_matches(function() c:add("apple", "two") end, "bad quantity for apple: two$")
    end)
  end)

  describe("with a discount", function()
    it("calls the discount function with the sum", function()
      local discount = spy.new(function(sum) return sum / 10 end)
      c:add("bread", 4)
      assert.are.equal(8.1, c:total(discount))
      assert.spy(discount).was.called(1)
      assert.spy(discount).was.called_with(9)
    end)

    it("does not call it for no discount", function()
      local discount = spy.new(function() return 0 end)
      c:add("milk")
      c:total()
      assert.spy(discount).was_not.called()
    end)
  end)

  it("totals wrongly on purpose (a failure busted must report)", function()
    c:add("apple", 2)
    assert.are.same({ total = 2 }, { total = c:total() })
  end)

  it("calls a missing method on purpose (an error busted must report)", function()
    c:checkout()
  end)

  pending("checks out with a payment provider")

  it("waits for the warehouse", function()
    pending("no warehouse yet")
    error("not reached")
  end)
end)

describe("a cart's log", function()
  it("is told of every change (a spy on a table's function)", function()
    local logger = { log = function() end }
    spy.on(logger, "log")
    local c = cart.new(prices, function(...) return logger.log(...) end)
    c:add("apple", 2)
    c:remove("apple")
    c:remove("apple")
    assert.spy(logger.log).was.called(2)
    assert.spy(logger.log).was.called_with("add", "apple", 2)
    assert.spy(logger.log).was.called_with("remove", "apple")
    assert.spy(logger.log).was_not.called_with("remove", "bread")
    logger.log:revert()
  end)

  it("can be stubbed", function()
    local sink = { write = function() error("the real sink must not be used") end }
    stub(sink, "write")
    local c = cart.new(prices, function(...) sink.write(...) end)
    c:add("bread")
    assert.stub(sink.write).was.called_with("add", "bread", 1)
    sink.write:revert()
    assert.has_error(function() sink.write() end)
  end)

  it("can be mocked whole", function()
    local shop = { open = function() return true end, close = function() return false end }
    local m = mock(shop)
    assert.is_true(m.open())
    assert.is_false(m.close())
    assert.spy(m.open).was.called(1)
    assert.spy(shop.close).was.called(1)
    mock.revert(m)
  end)

  it("matches arguments loosely", function()
    local log = spy.new(function() end)
    cart.new(prices, log):add("milk", 5)
    assert.spy(log).was.called_with("add", match.is_string(), match.is_number())
    assert.spy(log).was_not.called_with("add", match.is_number(), match._)
  end)
end)
