using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

#region account
public sealed class Account
{
    public decimal Balance { get; private set; }
    public void Deposit(decimal amount) => Balance += amount > 0 ? amount : throw new ArgumentException("amount must be positive");
    public void Close() { }
}
#endregion

public static class SandboxSample
{
    public static void Run()
    {
        #region sandbox
        using var sandbox = LuaState.CreateSandbox();
        sandbox.InteropMode = LuaInteropMode.AllowList;   // only registered types, only listed members
        sandbox.RegisterType<Account>(new LuaTypeOptions { Members = ["Balance", "Deposit"] });
        var account = new Account();
        sandbox.SetGlobal("account", account);
        sandbox.DoString("account:Deposit(5)");
        Console.WriteLine(account.Balance);                                        // 5
        foreach (var script in new[] { "account:Close()", "account:Deposit(-1)", "return account:GetType()" })
        {
            try { sandbox.DoString(script, "=script"); }
            catch (LuaException e) { Console.WriteLine(e.Message); }
        }
        // script:1: Account has no member 'Close'
        // script:1: Account.Deposit: amount must be positive
        // script:1: Account has no member 'GetType'
        #endregion
    }
}
