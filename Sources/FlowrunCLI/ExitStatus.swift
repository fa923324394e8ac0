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
}
