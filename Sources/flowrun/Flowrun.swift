import FlowrunCLI
import Foundation
import Logging

/// The `flowrun` executable: the built-in plug-ins and the commands of FlowrunCLI.
@main
struct Flowrun {
    static func main() async {
        // Libraries log through swift-log; only the executable decides where logs go (standard
        // error) and how much (FLOWRUN_LOG_LEVEL: trace, debug, info, notice, warning, error, critical).
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            let requested = ProcessInfo.processInfo.environment["FLOWRUN_LOG_LEVEL"]
            handler.logLevel = requested.flatMap { Logger.Level(rawValue: $0) } ?? .warning
            return handler
        }
        await FlowrunCommand.main()
    }
}
