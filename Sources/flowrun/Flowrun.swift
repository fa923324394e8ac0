import ArgumentParser
import FlowrunCLI
import FlowrunServer
import Foundation
import Logging

/// The `flowrun` executable: the built-in plug-ins, the commands of FlowrunCLI, and `serve`.
@main
struct Flowrun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowrun",
        abstract: FlowrunCommand.configuration.abstract,
        discussion: FlowrunCommand.configuration.discussion,
        subcommands: FlowrunCommand.configuration.subcommands + [ServeCommand.self, PasswordHashCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() async {
        // Libraries log through swift-log; only the executable decides where logs go (standard
        // error) and how much (FLOWRUN_LOG_LEVEL: trace, debug, info, notice, warning, error, critical).
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let requested = ProcessInfo.processInfo.environment["FLOWRUN_LOG_LEVEL"]
            handler.logLevel = requested.flatMap { Logger.Level(rawValue: $0) } ?? .warning
            return handler
        }
        do {
            // The plain `flowrun check FILE...` skips ArgumentParser's reflection (PlainCheck says why).
            if let files = PlainCheck.files(in: Array(CommandLine.arguments.dropFirst())) {
                try await PlainCheck.run(files)
                return
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
