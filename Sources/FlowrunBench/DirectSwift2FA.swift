import FlowrunCore
import FlowrunSQLite

/// The seed SMS flow's logic (seeds/SMS_Two_Factor_Login.flow-meta.xml) written directly in Swift against the same SQLite store and random
/// source: what an interpreter run is measured against.
enum DirectSwift2FA {
    /// Looks up the mobile, "sends" a code, rejects a wrong answer, sends again, accepts the right one.
    static func run(store: SQLiteRecordStore, random: any RandomSource, userId: String) async throws -> Bool {
        let users = try await store.query(
            RecordQuery(object: "User", filters: [RecordFilter(field: "Id", op: .equalTo, value: .string(userId))], limit: 1))
        guard let mobile = users.first?["MobilePhone"].stringValue, !mobile.isEmpty else { return false }
        var code = random.digits(6)
        var body = "Your verification code is: " + code
        let masked = "•••• " + String(mobile.suffix(4))
        var answer = code == "000000" ? "111111" : "000000"
        var attempts = 0
        while answer != code {
            attempts += 1
            code = random.digits(6)
            body = "Your verification code is: " + code
            answer = code
        }
        return !body.isEmpty && !masked.isEmpty && attempts == 1
    }
}
