import FlowrunCore
import Foundation

/// The object metadata a command works with: that of `--project DIR` when given, or else of the
/// SFDX project around the files it reads (`ObjectMetadata.discovered(near:)`).
enum ProjectMetadata {
    /// The metadata of the project at `project`.
    /// - Throws: `RecordFixtureError` when `project` is not an SFDX project.
    static func given(_ project: String) throws(RecordFixtureError) -> ObjectMetadata {
        guard SFDXProject.isProject(project) else {
            throw RecordFixtureError(
                source: "--project", message: "'\(project)' has no sfdx-project.json and no force-app/main/default/objects folder")
        }
        return ObjectMetadata.cached(projectRoot: project)
    }

    /// `--project`'s metadata, or else that of the first of `places` that is in a project; empty
    /// when none is.
    static func resolve(project: String?, near places: [String]) throws(RecordFixtureError) -> ObjectMetadata {
        if let project { return try given(project) }
        for place in places {
            let found = ObjectMetadata.discovered(near: place)
            if !found.isEmpty { return found }
        }
        return ObjectMetadata()
    }

    /// Metadata files that could not be read, as warnings on standard error.
    static func reportProblems(of metadata: ObjectMetadata) {
        for problem in metadata.problems {
            printError("\(problem.location): warning: \(problem.message) [\(problem.id)]")
        }
    }
}
