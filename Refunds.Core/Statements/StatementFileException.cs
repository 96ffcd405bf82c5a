namespace Refunds.Core.Statements;

/// <summary>A statement file that cannot be read as what it claims to be; the message names the line or element. Nothing is imported from it.</summary>
public sealed class StatementFileException(string message) : RuleViolation(ErrorCode.InvalidStatementFile, message);
