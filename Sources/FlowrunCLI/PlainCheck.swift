/// `flowrun check FILE...` with nothing else: run without ArgumentParser.
///
/// Why: ArgumentParser builds its commands by reflection (`Mirror` over every option, `as?` casts
/// to its protocols, two probe parses for `--generate-completion-script`). On Linux the first
/// such cast of each type scans every protocol conformance record of the binary, which holds the
/// server, PostgreSQL, NIO and SQLite too: about 4 ms of `flowrun check`'s CPU time, a third of
/// the whole process (BENCHMARKS.md, "Process start-up"). The plain form, the one editors and
/// pre-commit hooks run, needs none of it. Anything else (an option, `--`, `-h`, `help`, no file)
/// is left to ArgumentParser, so help, usage errors and every option behave exactly as before.
public enum PlainCheck {
    /// The files of `arguments` (the command line without the program's name) when it is `check`
    /// followed only by file names; nil when ArgumentParser should read it.
    public static func files(in arguments: [String]) -> [String]? {
        guard arguments.count >= 2, arguments[0] == "check" else { return nil }
        let files = Array(arguments.dropFirst())
        // To ArgumentParser a leading "-" is an option, "--" or a flag cluster, and "help" may be
        // its help command; an empty argument is left to it too.
        guard files.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && $0 != "help" }) else { return nil }
        return files
    }

    /// Checks `files` as `flowrun check FILES` does: text output, plug-ins and settings found
    /// beside each flow. Throws the command's `ExitCode` when a file has errors.
    public static func run(_ files: [String]) async throws {
        try await CheckCommand.check(files, format: .text, project: ProjectPaths(), manifest: nil)
    }
}
