import FlowrunCore
import FuzzerDriver

/// libFuzzer target: the bytes as a flow file, parsed and, when that succeeds, checked. Errors
/// are expected; a crash, trap, hang or runaway memory is a bug (bad input must end in
/// diagnostics). Built only by `scripts/fuzz`, with `-sanitize=fuzzer,address`.
@main
enum FlowFuzzer {
    static func main() { runLibFuzzer(testOneInput) }

    static let testOneInput: FuzzTarget = { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let (parsed, _) = FlowParser.parse(bytes, path: "fuzz.flow-meta.xml")
        if let parsed {
            // No flow library: subflows are not looked up on disk, whatever the input names.
            _ = Validator().validate(parsed)
        }
        return 0
    }
}
