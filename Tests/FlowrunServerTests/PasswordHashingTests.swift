import Dispatch
import FlowrunCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowrunServer

/// Password hashes run on their own bounded pool, and each guess is counted before its hash.
@Suite struct PasswordHashingTests {
    /// Twelve wrong passwords for one username at the same moment, limit 5: five are hashed and
    /// refused (401), seven are refused unhashed (429).
    @Test func parallelGuessesGetExactlyTheLimitHashed() async throws {
        var setup = try await TestServer.fixtureSetup()
        let hashing = PasswordHashing(threads: 2, queueLimit: 64)
        setup.passwordHashing = hashing
        try await TestServer.runLive(setup, concurrently: true) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for guess in 0..<12 {
                    let tab = browser
                    group.addTask {
                        var tab = tab
                        return try await tab.post("/login", [("username", "bob@example.com"), ("password", "guess \(guess)")]).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
            #expect(hashing.computed == 5)
        }
    }

    /// Two servers sharing one database of attempts (one access store), twelve wrong guesses
    /// split between them at once: five hashed in all. Turns are per server, so only counting
    /// before the hash keeps the second server from checking guesses the first already counted.
    @Test func guessesSplitBetweenTwoServersGetExactlyTheLimitHashed() async throws {
        let access = InMemoryAccessStore()
        var first = try await TestServer.fixtureSetup()
        var second = try await TestServer.fixtureSetup(records: first.records)
        first.access = access
        second.access = access
        let hashing = [PasswordHashing(threads: 2, queueLimit: 64), PasswordHashing(threads: 2, queueLimit: 64)]
        first.passwordHashing = hashing[0]
        second.passwordHashing = hashing[1]
        let other = second
        let statuses = try await TestServer.run(first) { one in
            try await TestServer.run(other) { two in
                var browsers = [TestBrowser(one), TestBrowser(two)]
                for index in browsers.indices { _ = try await browsers[index].get("/login") }
                let ready = browsers
                return try await withThrowingTaskGroup(of: Int.self) { group in
                    for guess in 0..<12 {
                        group.addTask {
                            var tab = ready[guess % 2]
                            return try await tab.post("/login", [("username", "bob@example.com"), ("password", "guess \(guess)")])
                                .status.code
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
        }
        #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses)")
        #expect(statuses.filter { $0 == 429 }.count == 7, "\(statuses)")
        #expect(hashing[0].computed + hashing[1].computed == 5)
    }

    /// A pool of one thread and a queue of one, held shut: the third sign-in is refused at once
    /// with 503, and the login page is served meanwhile.
    @Test func theLoginPageIsServedWhileThePoolIsFull() async throws {
        let gate = DispatchSemaphore(value: 0)
        let hashing = PasswordHashing(
            threads: 1, queueLimit: 1,
            beforeEach: {
                gate.wait()
                gate.signal()
            })
        var setup = try await TestServer.fixtureSetup()
        setup.passwordHashing = hashing
        try await TestServer.runLive(setup, concurrently: true) { client in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            let waiting = browser
            let held = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for user in ["alice@example.com", "bob@example.com"] {
                        group.addTask {
                            var tab = waiting
                            return try await tab.post("/login", [("username", user), ("password", "wrong")]).status.code
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            // However the test ends, the held hashes are let go (a held pool thread would hang it).
            defer { gate.signal() }
            // Both are in the pool (one hashing, held; one queued): a generous deadline, not a measurement.
            for _ in 0..<3000 {
                if hashing.inFlight >= 2 { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(hashing.inFlight == 2)

            // Another username (one of the held ones would wait its turn): an unknown name is hashed too.
            let refused = try await browser.post("/login", [("username", "carol@example.com"), ("password", "third")])
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.body.contains("<p>The server is busy checking other sign-ins. Wait a moment and try again.</p>"))
            let page = try await browser.get("/login")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Log in</h1>"))
            #expect(hashing.inFlight == 2, "the page was served while the pool was still full")

            gate.signal()
            let statuses = try await held.value
            #expect(statuses.sorted() == [401, 401])
            #expect(hashing.computed == 2)
        }
    }
}
