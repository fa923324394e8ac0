import FlowrunPlugins
import Testing

@Suite("otpauth:// Key URI")
struct TOTPAuthURITests {
    @Test("the Key URI format's all-parameters example, character for character")
    func keyURIExample() throws {
        let secret = try #require(Base32.decode("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"))
        let totp = try #require(TOTP(secret: secret))
        let uri = OTPAuthURI(issuer: "ACME Co", account: "john.doe@email.com", totp: totp)
        #expect(
            uri.string
                == "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
        )
    }

    @Test("SHA256 with 8 digits, and reserved characters encoded")
    func otherParameters() throws {
        let totp = try #require(TOTP(secret: Array("12345678901234567890".utf8), algorithm: .sha256, digits: 8))
        let uri = OTPAuthURI(issuer: "Acme & Sons", account: "a+b@example.com", totp: totp)
        #expect(
            uri.string
                == "otpauth://totp/Acme%20%26%20Sons:a%2Bb@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Acme%20%26%20Sons&algorithm=SHA256&digits=8&period=30"
        )
    }

    @Test("describing a URI never shows the secret")
    func redacted() throws {
        let totp = try #require(TOTP(secret: Array("12345678901234567890".utf8)))
        let uri = OTPAuthURI(issuer: "flowrun", account: "alice", totp: totp)
        #expect(!"\(uri)".contains("GEZDGNBV"))
        #expect(!String(reflecting: uri).contains("GEZDGNBV"))
    }
}
