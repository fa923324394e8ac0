import Foundation

/// Finding an SFDX project and its metadata folders on disk.
///
/// A project is a folder holding `sfdx-project.json` (its `packageDirectories` say where the
/// source is) or, without one, a `force-app/main/default/objects` folder.
public enum SFDXProject {
    /// The nearest project folder at or above `path` (a file or a folder). The search stops at a
    /// folder holding `.git`, so a flow in one repository never picks up another's metadata.
    public static func root(near path: String) -> String? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        if !isDirectory(directory.path) { directory.deleteLastPathComponent() }
        while true {
            if isProject(directory.path) { return directory.path }
            if exists(directory.appendingPathComponent(".git").path) { return nil }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// Whether `directory` is a project root.
    public static func isProject(_ directory: String) -> Bool {
        exists((directory as NSString).appendingPathComponent("sfdx-project.json"))
            || isDirectory((directory as NSString).appendingPathComponent("force-app/main/default/objects"))
    }

    /// The source folders of the project: `packageDirectories[].path` of `sfdx-project.json`, or
    /// `force-app` when the file is absent, unreadable or names none.
    public static func packageDirectories(root: String) -> [String] {
        let file = (root as NSString).appendingPathComponent("sfdx-project.json")
        var paths: [String] = []
        if let data = FileManager.default.contents(atPath: file),
            case .object(let top)? = try? JSONDecoder().decode(JSONValue.self, from: data),
            case .array(let directories)? = top["packageDirectories"]
        {
            for case .object(let entry) in directories {
                if case .string(let path)? = entry["path"] { paths.append((root as NSString).appendingPathComponent(path)) }
            }
        }
        if paths.isEmpty { paths = [(root as NSString).appendingPathComponent("force-app")] }
        return paths.filter(isDirectory)
    }

    /// Every folder called `name` (`objects`, `globalValueSets`) inside the package directories,
    /// in a stable order. Source format lets a project nest them anywhere (`main/default/objects`
    /// is only the default), so the folders are searched, a few levels deep.
    public static func metadataFolders(named name: String, root: String) -> [String] {
        var found: [String] = []
        for directory in packageDirectories(root: root) {
            collect(name, in: directory, depth: 0, into: &found)
        }
        return found
    }

    private static let skipped: Set<String> = ["node_modules", ".git", ".sf", ".sfdx", ".localdevserver"]

    private static func collect(_ name: String, in directory: String, depth: Int, into found: inout [String]) {
        guard depth <= 6, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries.sorted() where !skipped.contains(entry) {
            let path = (directory as NSString).appendingPathComponent(entry)
            guard isDirectory(path) else { continue }
            if entry == name {
                found.append(path)
            } else {
                collect(name, in: path, depth: depth + 1, into: &found)
            }
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
