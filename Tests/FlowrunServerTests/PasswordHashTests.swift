import Foundation
import Testing

@testable import FlowrunServer

/// PBKDF2-HMAC-SHA256 against published vectors, and the stored hash format.
@Suite struct PasswordHashTests {
    private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    @Test func rfc7914Section11Vectors() throws {
        let first = try PasswordHash.derive(password: "passwd", salt: Data("salt".utf8), iterations: 1, length: 64)
        #expect(
            hex(first)
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
        )
        let second = try PasswordHash.derive(password: "Password", salt: Data("NaCl".utf8), iterations: 80000, length: 64)
        #expect(
            hex(second)
                == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
        )
    }

    /// RFC 6070's inputs with SHA-256 (the published SHA-256 counterparts of its SHA-1 vectors).
    @Test func rfc6070InputsWithSHA256() throws {
        let once = try PasswordHash.derive(password: "password", salt: Data("salt".utf8), iterations: 1, length: 32)
        #expect(hex(once) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        let many = try PasswordHash.derive(password: "password", salt: Data("salt".utf8), iterations: 4096, length: 32)
        #expect(hex(many) == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    @Test func aStoredHashVerifiesItsPasswordOnly() {
        // pbkdf2-sha256, 4096 iterations, salt "salt", key of the vector above.
        let stored = "pbkdf2-sha256$4096$c2FsdA==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o="
        #expect(PasswordHash.verify(password: "password", against: stored))
        #expect(!PasswordHash.verify(password: "Password", against: stored))
        #expect(!PasswordHash.verify(password: "", against: stored))
    }

    @Test func newHashesAreSaltedWithTheDefaultIterations() throws {
        let one = try PasswordHash.make(password: "same", iterations: 1000)
        let two = try PasswordHash.make(password: "same", iterations: 1000)
        #expect(one != two)
        #expect(one.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PasswordHash.verify(password: "same", against: one))
        #expect(PasswordHash.defaultIterations == 600_000)
    }

    @Test(arguments: [
        "", "plain", "pbkdf2-sha256$0$c2FsdA==$xeR41ZKI", "pbkdf2-sha1$4096$c2FsdA==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "pbkdf2-sha256$lots$c2FsdA==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=", "pbkdf2-sha256$4096$!!$xeR4",
        "pbkdf2-sha256$99999999999$c2FsdA==$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
    ])
    func malformedHashesNeverMatch(stored: String) {
        #expect(!PasswordHash.verify(password: "password", against: stored))
    }

    /// The demo users' hashes in flows/data/demo-records.json match the passwords README.md gives.
    @Test func theDemoPasswordsMatchTheDemoRecords() throws {
        let data = try Data(contentsOf: TestServer.root.appendingPathComponent("flows/data/demo-records.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let users = try #require(json["User"] as? [[String: Any]])
        let hashes = Dictionary(
            uniqueKeysWithValues: users.compactMap { user -> (String, String)? in
                guard let name = user["Username"] as? String, let hash = user["PasswordHash"] as? String else { return nil }
                return (name, hash)
            })
        #expect(hashes.count == 5)
        #expect(hashes.values.allSatisfy { $0.hasPrefix("pbkdf2-sha256$600000$") })
        #expect(PasswordHash.verify(password: "lovelace-1815", against: hashes["ada@example.com"] ?? ""))
        #expect(!PasswordHash.verify(password: "lovelace-1816", against: hashes["ada@example.com"] ?? ""))
        #expect(PasswordHash.verify(password: "hopper-1906", against: hashes["grace@example.com"] ?? ""))
        #expect(PasswordHash.verify(password: "turing-1912", against: hashes["alan@example.com"] ?? ""))
        #expect(PasswordHash.verify(password: "johnson-1918", against: hashes["katherine@example.com"] ?? ""))
        #expect(PasswordHash.verify(password: "jackson-1921", against: hashes["mary@example.com"] ?? ""))
    }
}
