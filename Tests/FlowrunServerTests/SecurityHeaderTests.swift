import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// Every response carries the security headers, unknown paths and refusals included, and the
/// assets folder serves only regular files inside it, typed by their real name.
@Suite struct SecurityHeaderTests {
    static let policy =
        "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func expectHeaders(_ headers: HTTPFields, hsts: Bool, _ what: String) throws {
        #expect(headers[.contentSecurityPolicy] == policy, "\(what)")
        #expect(headers[try #require(HTTPField.Name("X-Frame-Options"))] == "DENY", "\(what)")
        #expect(headers[.xContentTypeOptionsName] == "nosniff", "\(what)")
        #expect(headers[try #require(HTTPField.Name("Referrer-Policy"))] == "no-referrer", "\(what)")
        #expect(headers[.cacheControl] == "no-store", "\(what)")
        #expect(headers[.strictTransportSecurity] == (hsts ? "max-age=31536000" : nil), "\(what)")
    }

    @Test func unknownPathsRefusalsAndPagesAllCarryTheHeaders() async throws {
        try await TestServer.run(try await TestServer.fixtureSetup()) { client in
            let unknown = try await client.execute(uri: "/no/such/path", method: .get)
            #expect(unknown.status == .notFound)
            try Self.expectHeaders(unknown.headers, hsts: false, "unknown path")
            let wrongMethod = try await client.execute(uri: "/style.css", method: .delete)
            #expect(wrongMethod.status.code >= 400)
            try Self.expectHeaders(wrongMethod.headers, hsts: false, "wrong method")
            let page = try await client.execute(uri: "/login", method: .get)
            try Self.expectHeaders(page.headers, hsts: false, "login page")
            // Behind a TLS-terminating proxy: HSTS, on 404s too.
            let proto = try #require(HTTPField.Name("X-Forwarded-Proto"))
            let proxied = try await client.execute(uri: "/no/such/path", method: .get, headers: [proto: "https"])
            try Self.expectHeaders(proxied.headers, hsts: true, "proxied 404")
            let proxiedPage = try await client.execute(uri: "/login", method: .get, headers: [proto: "https"])
            try Self.expectHeaders(proxiedPage.headers, hsts: true, "proxied page")
        }
        var setup = try await TestServer.fixtureSetup()
        setup.secureCookies = true
        try await TestServer.run(setup) { client in
            let unknown = try await client.execute(uri: "/nope", method: .get)
            try Self.expectHeaders(unknown.headers, hsts: true, "--secure-cookies 404")
        }
    }

    @Test func assetsAreRegularFilesInsideTheFolderTypedByTheirRealName() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-assets-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("assets")
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("logos"), withIntermediateDirectories: true)
        try manager.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: base) }
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#
        try Data(svg.utf8).write(to: folder.appendingPathComponent("acme-logo.svg"))
        try Data("PNG-bytes".utf8).write(to: folder.appendingPathComponent("logos/small.png"))
        try Data("<p>site</p>".utf8).write(to: folder.appendingPathComponent("site/index.html"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent(".htpasswd"))
        try Data("outside the folder".utf8).write(to: base.appendingPathComponent("private.txt"))
        try manager.createSymbolicLink(
            atPath: folder.appendingPathComponent("escape.txt").path, withDestinationPath: base.appendingPathComponent("private.txt").path)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: base.path)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("same-logo.svg").path, withDestinationPath: "acme-logo.svg")
        #expect(mkfifo(folder.appendingPathComponent("pipe.svg").path, 0o600) == 0)

        var setup = try await TestServer.fixtureSetup()
        setup.assetsDirectory = folder.path
        try await TestServer.runLive(setup) { client in
            let logo = try await client.execute(uri: "/assets/acme-logo.svg", method: .get)
            #expect(logo.status == .ok)
            #expect(logo.headers[.contentType] == "image/svg+xml")
            #expect(String(buffer: logo.body) == svg)
            try Self.expectHeaders(logo.headers, hsts: false, "asset")
            let png = try await client.execute(uri: "/assets/logos/small.png", method: .get)
            #expect(png.headers[.contentType] == "image/png")
            #expect(String(buffer: png.body) == "PNG-bytes")
            // A link that stays inside the folder is served as what it leads to.
            let same = try await client.execute(uri: "/assets/same-logo.svg", method: .get)
            #expect(same.status == .ok)
            #expect(same.headers[.contentType] == "image/svg+xml")

            // A NUL cuts the name for the C library: never the SVG served as a page.
            for trick in ["/assets/acme-logo.svg%00.html", "/assets/acme-logo.svg%00", "/assets/acme-logo.svg%0a.html"] {
                let response = try await client.execute(uri: trick, method: .get)
                #expect(response.status == .notFound, "\(trick)")
                #expect(response.headers[.contentType] != "text/html", "\(trick)")
                #expect(!String(buffer: response.body).contains("<svg"), "\(trick)")
                try Self.expectHeaders(response.headers, hsts: false, trick)
            }
            // Links out of the folder, hidden files, pipes, traversal: all missing.
            for refused in [
                "/assets/escape.txt", "/assets/up/private.txt", "/assets/.htpasswd", "/assets/pipe.svg",
                "/assets/%2e%2e/private.txt", "/assets/logos/..%2f..%2fprivate.txt", "/assets/logos%5c..%5c..%5cprivate.txt",
                "/assets/nothing.png",
            ] {
                let response = try await client.execute(uri: refused, method: .get)
                #expect(response.status == .notFound, "\(refused)")
                #expect(!String(buffer: response.body).contains("outside the folder"), "\(refused)")
                #expect(!String(buffer: response.body).contains("secret"), "\(refused)")
            }
            // A folder named without its slash keeps the /assets prefix in the redirect.
            let folderRedirect = try await client.execute(uri: "/assets/site", method: .get)
            #expect(folderRedirect.status == .movedPermanently)
            #expect(folderRedirect.headers[.location] == "/assets/site/")
            let index = try await client.execute(uri: "/assets/site/", method: .get)
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "text/html")
            #expect(String(buffer: index.body) == "<p>site</p>")
            let noIndex = try await client.execute(uri: "/assets/logos/", method: .get)
            #expect(noIndex.status == .notFound)
        }
    }
}
