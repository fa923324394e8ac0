import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// The stylesheet and the served directory's assets (a logo for display text).
@Suite struct StaticRouteTests {
    @Test func theStylesheetAndAssetsAreServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-assets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("GIF89a-logo".utf8).write(to: folder.appendingPathComponent("logo.gif"))
        var setup = try await TestServer.fixtureSetup()
        setup.assetsDirectory = folder.path
        try await TestServer.run(setup) { client in
            let style = try await client.execute(uri: "/style.css", method: .get)
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: style.body).contains(".required { color: #ba0517;"))
            let logo = try await client.execute(uri: "/assets/logo.gif", method: .get)
            #expect(logo.status == .ok)
            #expect(String(buffer: logo.body) == "GIF89a-logo")
            #expect(logo.headers[.xContentTypeOptionsName] == "nosniff")
            let escape = try await client.execute(uri: "/assets/../Package.swift", method: .get)
            #expect(escape.status == .notFound || escape.status == .badRequest)
            let missing = try await client.execute(uri: "/assets/nothing.png", method: .get)
            #expect(missing.status == .notFound)
        }
    }
}

extension HTTPField.Name {
    static var xContentTypeOptionsName: Self { Self("X-Content-Type-Options")! }
}
