import Foundation
import Hummingbird

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The served directory's `assets/` folder (logos that display text shows), read only as regular
/// files that really are inside it: a symbolic link is followed only when where it leads is
/// inside the folder too, and the content type comes from the name of the file actually read, so
/// `/assets/logo.svg%00.html` is not a way to serve an image as a page.
struct AssetFiles: Sendable {
    /// The folder, with every symbolic link in its path resolved.
    let root: String

    init?(folder: String) {
        guard let root = Self.realPath(folder) else { return nil }
        self.root = root
    }

    enum Found: Equatable, Sendable {
        /// A regular file inside the folder, by its real path.
        case file(String)
        /// A folder named without its trailing slash: the browser is sent to the name with one,
        /// so relative links inside its `index.html` resolve against it.
        case folder
        case missing
    }

    /// What `/assets/<relative>` names. `relative` is the path as sent (percent-encoded).
    func find(_ relative: Substring) -> Found {
        guard let decoded = String(relative).removingPercentEncoding else { return .missing }
        let components = decoded.split(separator: "/", omittingEmptySubsequences: false)
        // No NUL or control characters (the C library would cut the name there), no backslashes,
        // no `.`/`..` steps and no hidden files (`.htpasswd`, `.git`).
        guard !decoded.contains(where: { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 || $0 == "\u{7F}" || $0 == "\\" }),
            components.dropLast().allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }),
            !(components.last?.hasPrefix(".") ?? false)
        else { return .missing }
        let candidate = root + "/" + decoded
        guard let real = Self.realPath(candidate), real.hasPrefix(root + "/") else { return .missing }
        var status = stat()
        guard stat(real, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return decoded.hasSuffix("/") ? .missing : .file(real)
        case S_IFDIR:
            if !decoded.hasSuffix("/") && !decoded.isEmpty { return .folder }
            let index = real + "/index.html"
            guard Self.realPath(index) == index, stat(index, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                return .missing
            }
            return .file(index)
        default:
            // Devices, pipes, sockets: never read.
            return .missing
        }
    }

    /// The media type of a file by its real name's extension; bytes of any other kind are
    /// `application/octet-stream`, which browsers download rather than show.
    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
            let type = MediaType.getMediaType(forExtension: String(name[name.index(after: dot)...]).lowercased())
        else { return "application/octet-stream" }
        return type.description
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension WebApp {
    /// `GET /assets/…`: a regular file inside the assets folder, or 404.
    func addAssetRoutes(to router: Router<WebRequestContext>) {
        guard let folder = setup.assetsDirectory, let assets = AssetFiles(folder: folder) else { return }
        let fileIO = FileIO()
        router.get("/assets/**") { request, context in
            let path = request.uri.path
            guard path.hasPrefix("/assets/") else { throw HTTPError(.notFound) }
            let relative = path.dropFirst("/assets/".count)
            switch assets.find(relative) {
            case .file(let real):
                let body = try await fileIO.loadFile(path: real, context: context)
                return Response(status: .ok, headers: [.contentType: AssetFiles.contentType(of: real)], body: body)
            case .folder:
                // The prefix is kept: `/assets/logos` goes to `/assets/logos/`, not `/logos/`.
                return Response(status: .movedPermanently, headers: [.location: path + "/"])
            case .missing:
                throw HTTPError(.notFound)
            }
        }
    }
}
