import Foundation
import Testing

@testable import FlowrunPlugins

@Suite("Constant-time comparison")
struct TOTPConstantTimeTests {
    @Test("equal only when every byte is: a difference at the first or the last byte both count")
    func behaviour() {
        #expect(ConstantTime.equals("254676", "254676"))
        #expect(!ConstantTime.equals("254676", "154676"))
        #expect(!ConstantTime.equals("254676", "254677"))
        #expect(!ConstantTime.equals("254676", "25467"))
        #expect(!ConstantTime.equals("", "0"))
        #expect(ConstantTime.equals("", ""))
    }

    @Test("the verifier uses it: a code differing only in its last digit is refused")
    func verifierUsesIt() throws {
        let totp = try #require(TOTP(secret: RFCSeeds.sha1))
        let verifier = TOTPVerifier(totp: totp)
        let now = Date(timeIntervalSince1970: TOTPFixtures.now)
        #expect(verifier.verify("254676", at: now, lastAcceptedStep: nil) == .accepted(step: 5))
        #expect(verifier.verify("254675", at: now, lastAcceptedStep: nil) == .wrongCode)
    }
}
