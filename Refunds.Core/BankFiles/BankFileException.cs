namespace Refunds.Core.BankFiles;

/// <summary>
/// A bank file (a statement, a status report) that cannot be read as what it claims to be; the message
/// names the line or element. Nothing is taken from it.
/// </summary>
public sealed class BankFileException(string message) : RuleViolation(ErrorCode.InvalidBankFile, message);
