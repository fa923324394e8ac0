import Testing

@testable import FlowrunCLI

/// Which command lines `flowrun` checks without ArgumentParser: `check` and file names only.
@Suite struct PlainCheckTests {
    @Test func checkWithOnlyFilesIsPlain() {
        #expect(PlainCheck.files(in: ["check", "a.xml"]) == ["a.xml"])
        #expect(PlainCheck.files(in: ["check", "flows/a.flow-meta.xml", "b.xml"]) == ["flows/a.flow-meta.xml", "b.xml"])
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        let others: [[String]] = [
            [], ["check"], ["a.xml"], ["run", "a.xml"], ["help", "check"], ["check", "help"], ["check", ""],
            ["check", "--format", "json", "a.xml"], ["check", "a.xml", "-h"], ["check", "--help"], ["check", "--", "a.xml"],
            ["check", "a.xml", "--plugins=p.json"], ["check", "-"], ["check", "--generate-completion-script", "bash"],
        ]
        for arguments in others {
            #expect(PlainCheck.files(in: arguments) == nil, "\(arguments)")
        }
    }
}
