import ArgumentParser

/// flowrun's documented exit statuses (README "Exit statuses").
public enum ExitStatus {
    /// The flow finished, or `check` found no errors.
    public static let success = ExitCode(0)
    /// The interview failed: an unhandled fault or the step limit.
    public static let flowFailed = ExitCode(1)
    /// The flow is invalid: unreadable, malformed XML, or `check` errors.
    public static let invalidFlow = ExitCode(2)
    /// A screen needed an answer and none was left (answers file used up, or input closed).
    public static let needsAnswer = ExitCode(3)
    /// Bad command-line usage, or a bad `--input` value or answers file (argument-parser's own 64).
    public static let usage = ExitCode.validationFailure
    /// `data import`: a data file is malformed or holds a record Salesforce would refuse; nothing
    /// was imported (sysexits' EX_DATAERR).
    public static let invalidData = ExitCode(65)
    /// `data import`/`data export`: the record database cannot be opened, read or written
    /// (sysexits' EX_IOERR), or an export file cannot be written.
    public static let databaseFailed = ExitCode(74)
}
