import Foundation

extension TwilioMessagingClient {
    /// Places one call that speaks `twiml`: `POST {base}/2010-04-01/Accounts/{AccountSid}/Calls.json`
    /// with `To`, `From` and `Twiml` (inline TwiML, so no URL has to be hosted for it).
    public func createCall(
        to: String, from: String, twiml: String, credentials: TwilioCredentials
    ) async throws(TwilioError) -> TwilioCall {
        let answer = try await create(
            resource: "Calls.json", fields: [("To", to), ("From", from), ("Twiml", twiml)], credentials: credentials
        )
        guard let call = try? JSONDecoder().decode(TwilioCall.self, from: answer.body) else {
            throw .unexpectedResponse(
                httpStatus: answer.status, detail: "a body that is not a Twilio Call resource (no sid and status)"
            )
        }
        return call
    }
}
