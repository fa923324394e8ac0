import AsyncHTTPClient
import FlowrunCore
import FlowrunPostgres
import FlowrunSQLite
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// The two-factor promises of `flows/sms2fa.xml` when requests race, tried as an attacker would:
/// the built `flowrun serve` over real HTTP, the project's own flows and demo records, codes read
/// from the development outbox. Known answers: the send limit is 5 an hour, the third wrong code
/// locks the user out for 15 minutes, and the User record's counters say exactly what happened.
/// Each runs on one server over SQLite and on two servers sharing PostgreSQL.
@Suite(.serialized) struct TwoFactorRaceTests {
    static let ada = "005000000000001AAA"

    /// Twelve logins of one user at the same moment send five codes, not twelve.
    @Test(arguments: RaceRig.Backend.allCases)
    func twelveParallelLoginsSendNoMoreThanTheLimit(_ backend: RaceRig.Backend) async throws {
        try await RaceRig.with(backend) { rig in
            let landings = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var browser = rig.browser()
                        return try await rig.logIn(&browser)
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(landings.count == 12)
            #expect(rig.messages().count == 5)
            let ada = try await rig.user()
            #expect(ada["TwoFactorSendCount__c"] == 5)
        }
    }

    /// Nine wrong answers to one interview posted at the same moment. Requests that overlap are
    /// refused as stale (409) while one of them answers; one that arrives after an answer was
    /// stored answers the screen as it is then (a new code was sent meanwhile). So every request
    /// is either refused or answers, and every answer is a checked, counted failure: the failure
    /// count equals the answers. Wrong codes from another login then lock the user out at the
    /// third, and the newest code, typed into a code screen shown before the lockout, signs
    /// nobody in.
    @Test(arguments: RaceRig.Backend.allCases)
    func simultaneousWrongAnswersToOneInterviewAreEachCountedOnce(_ backend: RaceRig.Backend) async throws {
        try await RaceRig.with(backend) { rig in
            var waiting = rig.browser()
            let waitingInterview = try #require(try await rig.logIn(&waiting))
            var browser = rig.browser()
            let interview = try #require(try await rig.logIn(&browser))
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<9 {
                    let tab = browser
                    group.addTask {
                        var tab = tab
                        return try await rig.answer(&tab, interview: interview, code: "000000").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let answered = statuses.filter { $0 == 303 }.count
            #expect(answered + statuses.filter { $0 == 409 }.count == 9, "\(statuses)")
            #expect((1...3).contains(answered), "\(statuses)")
            var failures = answered
            #expect(try await rig.user()["TwoFactorFailures__c"] == .number(Decimal(failures)))

            var newest = try #require(rig.messages().last.flatMap(DevelopmentOutboxReader.code(in:)))
            if failures < 3 {
                var other = rig.browser()
                let otherInterview = try #require(try await rig.logIn(&other))
                while failures < 3 {
                    newest = try #require(rig.messages().last.flatMap(DevelopmentOutboxReader.code(in:)))
                    let answer = try await rig.answer(&other, interview: otherInterview, code: newest == "000000" ? "000001" : "000000")
                    failures += 1
                    #expect(try await rig.user()["TwoFactorFailures__c"] == .number(Decimal(failures)))
                    #expect(answer.page.contains(failures == 3 ? "sign-in is locked for 15 minutes" : "That code did not match."))
                }
            }
            let ada = try await rig.user()
            #expect(ada["TwoFactorFailures__c"] == 3)
            if case .dateTime(let until) = ada["TwoFactorLockedUntil__c"] {
                #expect(until > Date().addingTimeInterval(14 * 60))
            } else {
                Issue.record("no lockout time: \(ada["TwoFactorLockedUntil__c"])")
            }
            // The newest code, on a code screen that was shown before the lockout.
            let late = try await rig.answer(&waiting, interview: waitingInterview, code: newest)
            #expect(late.page.contains("sign-in is locked for"), "\(late.page)")
            #expect(waiting.cookies["flowrun_auth"] == nil)
            try await rig.expectLockedOut()
        }
    }

    /// Twelve logins of one user at the same moment; those that reach the code screen (the send
    /// limit lets five) answer wrong at the same moment. Only the newest code is pending, and a
    /// code is checked once: the others are told it was already used (and a new one sent, up to
    /// the send limit). Every answer told "did not match" is a counted failure, never more told
    /// than counted, as when each checked its own stale read.
    @Test(arguments: RaceRig.Backend.allCases)
    func interviewsAnsweringWrongTogetherCountEveryCheck(_ backend: RaceRig.Backend) async throws {
        try await RaceRig.with(backend) { rig in
            let logins = try await withThrowingTaskGroup(of: (RaceRig.Browser, String)?.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var browser = rig.browser()
                        return try await rig.logIn(&browser).map { (browser, $0) }
                    }
                }
                return try await group.reduce(into: [(RaceRig.Browser, String)]()) { if let login = $1 { $0.append(login) } }
            }
            #expect((1...5).contains(logins.count), "\(logins.count) logins reached the code screen")
            let pages = try await withThrowingTaskGroup(of: String.self) { group in
                for (browser, interview) in logins {
                    group.addTask {
                        var browser = browser
                        return try await rig.answer(&browser, interview: interview, code: "000000").page
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // An answer checked after the send limit was reached shows the limit page, not the
            // notice, so the pages give a lower bound of the checks: the count must reach it.
            let told = pages.filter { $0.contains("That code did not match.") || $0.contains("sign-in is locked for 15 minutes") }.count
            let failures = try await rig.user()["TwoFactorFailures__c"].numberValue ?? 0
            // The pending code was there (every login stored its own), so the first answer checked it.
            #expect(failures >= 1)
            #expect(failures >= Decimal(told), "\(told) answers were told their code did not match, \(failures) failures counted")
            // Each checked code was a different one: never more checks than codes sent.
            #expect(failures <= Decimal(rig.messages().count))
            #expect(rig.messages().count <= 5)
        }
    }

    /// Two tabs of one browser taking turns on one interview, each from the page it showed: every
    /// wrong answer counts against the record as it is, so the third locks the user out, and the
    /// lockout stays set whatever the other tab posts afterwards.
    @Test(arguments: RaceRig.Backend.allCases)
    func twoTabsTakingTurnsCannotEraseTheLockout(_ backend: RaceRig.Backend) async throws {
        try await RaceRig.with(backend) { rig in
            var first = rig.browser()
            let interview = try #require(try await rig.logIn(&first))
            var second = first
            for turn in 0..<3 {
                if turn.isMultiple(of: 2) {
                    _ = try await rig.answer(&first, interview: interview, code: "000000")
                } else {
                    _ = try await rig.answer(&second, interview: interview, code: "000000")
                }
            }
            let locked = try await rig.user()
            #expect(locked["TwoFactorFailures__c"] == 3)
            let until = locked["TwoFactorLockedUntil__c"]
            #expect(until != .null)
            // The other tab posts once more from its old page: nothing clears the lockout.
            _ = try await rig.answer(&second, interview: interview, code: "000000")
            #expect(try await rig.user()["TwoFactorLockedUntil__c"] == until)
            try await rig.expectLockedOut()
        }
    }
}

extension TwoFactorRaceTests {
    /// Two servers sharing PostgreSQL: three wrong codes answered on the first lock the user out,
    /// and a login on the second, at once, meets the lockout and is sent no code.
    @Test func aLockoutSetOnOneServerIsSeenByTheOtherAtOnce() async throws {
        try await RaceRig.with(.postgres) { rig in
            let (first, second) = (rig.bases[0], rig.bases[1])
            var browser = rig.browser()
            _ = try await browser.request(first + "/login")
            let (_, _, location) = try await browser.request(
                first + "/login", form: [("username", "ada@example.com"), ("password", "lovelace-1815")])
            let interview = try #require(location)
            _ = try await browser.request(first + interview)
            for _ in 0..<3 {
                let (status, _, _) = try await browser.request(first + interview, form: [("field.Code", "000000"), ("action", "next")])
                #expect(status == 303)
            }
            #expect(try await rig.user()["TwoFactorFailures__c"] == 3)
            let sent = rig.messages().count
            var other = rig.browser()
            _ = try await other.request(second + "/login")
            let (_, _, path) = try await other.request(
                second + "/login", form: [("username", "ada@example.com"), ("password", "lovelace-1815")])
            let (_, page, _) = try await other.request(second + (try #require(path)))
            #expect(page.contains("sign-in is locked for 15 minutes"), "\(page)")
            #expect(rig.messages().count == sent)
        }
    }
}

/// `flowrun serve` of a copy of the project's `flows/` with its demo records and its outbox, and
/// the ways a person uses it: log in, read the text message, answer the code screen. On SQLite one
/// server keeps everything in its file; on PostgreSQL two servers share records, interviews and
/// access counts in one schema (and the signing key), and requests alternate between them, as
/// behind a load balancer.
struct RaceRig: Sendable {
    typealias Browser = KillAndRestartTests.Browser

    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// Which server the next request goes to.
    final class Turns: Sendable {
        private let next = Mutex(0)
        func take() -> Int {
            next.withLock { value in
                defer { value += 1 }
                return value
            }
        }
    }

    let outbox: DevelopmentOutboxReader
    let bases: [String]
    let client: HTTPClient
    let records: any RecordStore
    let turns = Turns()

    /// Runs `body` against fresh servers; everything is stopped and removed however it ends.
    static func with(_ backend: Backend, _ body: (RaceRig) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowrun-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let flows = TestServer.root.appendingPathComponent("flows")
        for name in ["sms2fa.xml", "login-flows.json", "data", "assets"] {
            try FileManager.default.copyItem(at: flows.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let outbox = folder.appendingPathComponent("outbox")
        var environment = ["FLOWRUN_OUTBOX": outbox.path]
        var servers: [KillAndRestartTests.ServerProcess] = []
        defer { servers.forEach { $0.kill() } }
        let records: any RecordStore
        var postgres: (client: PostgresClient, task: Task<Void, Never>, store: PostgresRecordStore)?
        switch backend {
        case .sqlite:
            servers.append(try KillAndRestartTests.ServerProcess(directory: folder.path, environment: environment))
            records = try SQLiteRecordStore(path: folder.appendingPathComponent(".flowrun/serve.sqlite").path)
        case .postgres:
            let schema = try PostgresSchemaName("flowrun_race_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
            environment["FLOWRUN_POSTGRES_URL"] = PostgresInterviewStoreTests.url + "?schema=\(schema.name)"
            environment["FLOWRUN_SERVER_KEY"] = Data((0..<32).map { UInt8($0) }).base64EncodedString()
            // One after the other: the first loads the demo records, the second finds them there.
            servers.append(try KillAndRestartTests.ServerProcess(directory: folder.path, environment: environment))
            servers.append(try KillAndRestartTests.ServerProcess(directory: folder.path, environment: environment))
            let pg = PostgresClient(configuration: try PostgresDatabaseURL(PostgresInterviewStoreTests.url).clientConfiguration)
            let store = PostgresRecordStore(client: pg, schema: schema)
            postgres = (pg, Task { await pg.run() }, store)
            records = store
        }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        let rig = RaceRig(
            outbox: DevelopmentOutboxReader(folder: outbox), bases: servers.map { "http://127.0.0.1:\($0.port)" },
            client: client, records: records)
        let outcome: Result<Void, any Error>
        do {
            try await body(rig)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        if let postgres {
            try? await postgres.store.dropSchema()
            postgres.task.cancel()
        }
        try outcome.get()
    }

    func browser() -> Browser { Browser(client: client) }

    /// The server for the next request.
    var base: String { bases[turns.take() % bases.count] }

    /// Logs Ada in with her password; the interview path when her login flow waits at the code
    /// screen, nil when it stopped elsewhere (the send limit, a lockout).
    func logIn(_ browser: inout Browser) async throws -> String? {
        _ = try await browser.request(base + "/login")
        let (status, _, location) = try await browser.request(
            base + "/login", form: [("username", "ada@example.com"), ("password", "lovelace-1815")])
        #expect(status == 303)
        guard let location, location.hasPrefix("/interviews/") else { return nil }
        let (_, page, _) = try await browser.request(base + location)
        return page.contains("name=\"field.Code\"") ? location : nil
    }

    /// Posts `code` to the code screen of `interview`, and reads the page it leads to.
    func answer(_ browser: inout Browser, interview: String, code: String) async throws -> (status: Int, page: String) {
        let (status, page, location) = try await browser.request(base + interview, form: [("field.Code", code), ("action", "next")])
        guard status == 303, let location else { return (status, page) }
        return (status, try await browser.request(base + location).1)
    }

    /// The text messages sent so far.
    func messages() -> [DevelopmentOutboxReader.Message] {
        (try? outbox.messages(notIn: [])) ?? []
    }

    /// Ada's User record as the servers' database holds it now.
    func user() async throws -> FlowRecord {
        try #require(try await records.record(id: TwoFactorRaceTests.ada))
    }

    /// A locked-out user logging in gets the lockout page and no code; the newest code sent
    /// before the lockout signs nobody in.
    func expectLockedOut() async throws {
        let sent = messages().count
        var browser = self.browser()
        _ = try await browser.request(base + "/login")
        let (_, _, location) = try await browser.request(
            base + "/login", form: [("username", "ada@example.com"), ("password", "lovelace-1815")])
        let path = try #require(location)
        let (_, page, _) = try await browser.request(base + path)
        #expect(page.contains("sign-in is locked for"), "\(page)")
        #expect(!page.contains("name=\"field.Code\""))
        #expect(messages().count == sent, "no code is sent to a locked-out user")
        #expect(browser.cookies["flowrun_auth"] == nil)
    }
}
