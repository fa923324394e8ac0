/// JUnit XML, the format CI systems read test results in.
enum JUnitReport {
    static func xml(_ results: [FlowTestResult]) -> String {
        let byFile = Dictionary(grouping: results, by: \.file)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = results.filter { !$0.passed }.count
        lines.append("<testsuites name=\"flowrun\" tests=\"\(results.count)\" failures=\"\(failures)\">")
        for file in byFile.keys.sorted() {
            let cases = byFile[file] ?? []
            let time = cases.reduce(0) { $0 + $1.seconds }
            lines.append(
                "  <testsuite name=\"\(escape(file))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\" time=\"\(format(time))\">"
            )
            for result in cases {
                let opening =
                    "    <testcase classname=\"\(escape(result.flow))\" name=\"\(escape(result.name))\" time=\"\(format(result.seconds))\""
                if result.passed {
                    lines.append(opening + "/>")
                } else {
                    lines.append(opening + ">")
                    let message = result.failures.first ?? "failed"
                    lines.append(
                        "      <failure message=\"\(escape(message))\">\(escape(result.failures.joined(separator: "\n")))</failure>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ seconds: Double) -> String {
        String(Double(Int(seconds * 1000)) / 1000)
    }

    private static func escape(_ text: String) -> String { text.xmlEscaped() }
}
