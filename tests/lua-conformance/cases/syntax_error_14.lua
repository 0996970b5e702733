for i in do end
