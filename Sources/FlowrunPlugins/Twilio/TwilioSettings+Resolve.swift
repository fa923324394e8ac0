import FlowrunCore

/// The credentials and sender number of one Twilio request.
struct TwilioRequestIdentity {
    var credentials: TwilioCredentials
    var from: String
}

extension TwilioSettings {
    /// What the flow gave, else the environment; a missing piece is a failure that says which
    /// input or variable to set. `role` names the number in that message ("sender", "caller").
    func identity(accountSid: String?, authToken: String?, from: String?, role: String) throws(SMSSendFailure) -> TwilioRequestIdentity {
        guard let accountSid = accountSid ?? self.accountSid else {
            throw SMSSendFailure("no Twilio Account SID: give the AccountSid input or set TWILIO_ACCOUNT_SID")
        }
        guard let authToken = authToken ?? self.authToken else {
            throw SMSSendFailure("no Twilio Auth Token: give the Token input or set TWILIO_AUTH_TOKEN")
        }
        guard let from = from ?? fromNumber else {
            throw SMSSendFailure("no \(role) number: give the From input or set TWILIO_FROM_NUMBER")
        }
        return TwilioRequestIdentity(credentials: TwilioCredentials(accountSid: accountSid, authToken: authToken), from: from)
    }
}
