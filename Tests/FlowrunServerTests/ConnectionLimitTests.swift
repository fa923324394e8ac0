import AsyncHTTPClient
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Idle connections against the built `flowrun serve`: closed after the idle timeout, never more
/// open than the cap however many arrive, memory bounded, and requests served throughout.
/// Known answers only: the server's own count of open sockets (`/proc/PID/fd`), its resident
/// memory (`/proc/PID/status`), end-of-file on every idle socket; deadlines only guard against hangs.
@Suite(.serialized) struct ConnectionLimitTests {
    static let cap = 100

    @Test func idleConnectionsAreClosedCappedAndCostBoundedMemory() async throws {
        let folder = try KillAndRestartTests.folderWithTheSurvey(named: "flowrun-connections")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try KillAndRestartTests.ServerProcess(
            directory: folder.path, arguments: ["--idle-timeout", "2", "--max-connections", "\(Self.cap)"])
        defer { server.kill() }
        let pid = server.process.processIdentifier
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let outcome: Result<Void, any Error>
        do {
            try await Self.exercise(server, pid: pid, client: client)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        try outcome.get()
    }

    static func exercise(_ server: KillAndRestartTests.ServerProcess, pid: Int32, client: HTTPClient) async throws {
        let login = "http://127.0.0.1:\(server.port)/login"
        func status(_ url: String) async throws -> Int {
            Int(try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(120)).status.code)
        }

        #expect(try await status(login) == 200)
        let baseline = try Self.residentKiB(pid)

        // Below the cap: ninety idle connections, one with half its headers sent; a new request is served.
        let idle = try (0..<90).map { _ in try IdleSocket(port: server.port, blocking: true) }
        idle[0].send("GET /login HTTP/1.1\r\nHost: x\r\n")
        #expect(try await status(login) == 200)
        // Each is closed by the server after the idle timeout: it reads end-of-file.
        var open = idle
        for _ in 0..<6000 where !open.isEmpty {
            open.removeAll { $0.wasClosedByPeer() }
            if !open.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(open.count == 0, "idle connections still open")
        idle.forEach { $0.close() }

        // A flood: five thousand connections that never send anything.
        let flood = (0..<5000).compactMap { _ in try? IdleSocket(port: server.port, blocking: false) }
        #expect(flood.count == 5000)
        var most = 0
        for _ in 0..<3000 {
            most = max(most, try Self.openSockets(pid))
            if most >= Self.cap { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        // Then until the count has not risen for a second (every connection the server would take is taken).
        var steady = 0
        for _ in 0..<1500 where steady < 50 {
            let now = try Self.openSockets(pid)
            steady = now > most ? 0 : steady + 1
            most = max(most, now)
            try await Task.sleep(for: .milliseconds(20))
        }
        // The flood reached the cap and never went past it (the listening socket and a batch
        // accepted before the cap was seen are the few over).
        #expect(most >= Self.cap)
        #expect(most <= Self.cap + 8, "the server held \(most) sockets")
        // About 14 KiB each (the debug build): uncapped, this flood took 1,785 connections and
        // 25 MB within the same sampling; capped at 100 it took 1.6 MB. 12 MB is a generous bound.
        let resident = try Self.residentKiB(pid)
        #expect(resident - baseline < 12 * 1024, "resident memory grew from \(baseline) KiB to \(resident) KiB")
        flood.forEach { $0.close() }
        #expect(try await status(login) == 200)
    }

    /// Sockets among the process's open descriptors.
    static func openSockets(_ pid: Int32) throws -> Int {
        let folder = "/proc/\(pid)/fd"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0))?.hasPrefix("socket:") == true
        }.count
    }

    /// `VmRSS` of the process, in KiB.
    static func residentKiB(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}

/// A TCP connection to 127.0.0.1 that the test holds open and never completes a request on.
final class IdleSocket: Sendable {
    let descriptor: Int32

    struct Failed: Error { var what: String }

    /// Connects; a non-blocking one does not wait for the handshake (the server may not have
    /// accepted it, and need not, for it to count as a client waiting).
    init(port: Int, blocking: Bool) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failed(what: "socket: errno \(errno)") }
        if !blocking { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 || (!blocking && errno == EINPROGRESS) else {
            Glibc.close(descriptor)
            throw Failed(what: "connect: errno \(errno)")
        }
    }

    func send(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, text.utf8.count, Int32(MSG_NOSIGNAL)) }
    }

    /// True when the server closed it: a read finds end-of-file (or a reset).
    func wasClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let read = recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT))
        if read == 0 { return true }
        if read < 0 { return errno == ECONNRESET }
        return false
    }

    func close() { Glibc.close(descriptor) }
}
