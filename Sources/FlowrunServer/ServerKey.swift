import Crypto
import Foundation

/// The key the server signs cookies and CSRF tokens with (HMAC-SHA256).
///
/// From `FLOWRUN_SERVER_KEY` (base64, at least 32 bytes) when set, so several servers behind a
/// load balancer share it; otherwise from a key file, which is created with 32 random bytes and
/// mode 0600 the first time. Changing the key signs everyone out.
public struct ServerKey: Sendable {
    /// The raw bytes (SymmetricKey is not Sendable; the key is rebuilt for each use).
    private let bytes: Data

    public init(_ bytes: Data) { self.bytes = bytes }

    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A fresh random key (tests, or a server whose sessions need not outlive it).
    public static func random() -> ServerKey {
        ServerKey(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// - Throws: `ServerSetupError` when the variable is malformed or the file cannot be read or written.
    public static func load(environment: [String: String], keyFile: String) throws -> ServerKey {
        if let text = environment["FLOWRUN_SERVER_KEY"] {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 32
            else { throw ServerSetupError("FLOWRUN_SERVER_KEY must be at least 32 bytes, base64-encoded") }
            return ServerKey(bytes)
        }
        let manager = FileManager.default
        if let existing = manager.contents(atPath: keyFile) {
            guard existing.count >= 32 else {
                throw ServerSetupError("the server key file \(keyFile) holds fewer than 32 bytes; delete it to make a new one")
            }
            return ServerKey(existing)
        }
        let fresh = random()
        let bytes = fresh.bytes
        let directory = URL(fileURLWithPath: keyFile).deletingLastPathComponent().path
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ServerSetupError("cannot create the directory for the server key file \(keyFile): \(error.localizedDescription)")
        }
        guard manager.createFile(atPath: keyFile, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw ServerSetupError("cannot write the server key file \(keyFile)")
        }
        return fresh
    }

    /// `payload.signature`, both base64url: a value the browser keeps and cannot change.
    func sign(_ payload: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(mac))
    }

    /// The payload of a value made by `sign`, or nil when it was altered or signed with another key.
    func verify(_ token: String) -> Data? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key)
        else { return nil }
        return payload
    }

    /// A MAC of `text` under this key, base64url (CSRF tokens).
    func tag(_ text: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }
}

/// The server cannot start: a bad option, configuration file or key.
public struct ServerSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
