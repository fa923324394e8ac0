import Foundation
import Testing

@testable import FlowrunPlugins

@Suite("Twilio request and response encoding")
struct TwilioEncodingTests {
    @Test("form values are percent-encoded: + as %2B, space as %20, UTF-8 bytes escaped")
    func formEncoding() {
        #expect(FormEncoding.percentEncode("+15555550100") == "%2B15555550100")
        #expect(FormEncoding.percentEncode("a b&c=d") == "a%20b%26c%3Dd")
        #expect(FormEncoding.percentEncode("Code: 👍é") == "Code%3A%20%F0%9F%91%8D%C3%A9")
        #expect(FormEncoding.percentEncode("A-z_0.9~") == "A-z_0.9~")
        #expect(FormEncoding.encode([("To", "+1 2"), ("Body", "x")]) == "To=%2B1%202&Body=x")
    }

    @Test(
        "AccountSid must be AC and 32 hex digits",
        arguments: [
            ("AC0123456789abcdef0123456789ABCDEF", true),
            ("AC0123456789abcdef0123456789abcde", false),  // 33 characters
            ("AC0123456789abcdef0123456789abcdeg", false),  // not hex
            ("SK0123456789abcdef0123456789abcdef", false),  // an API key SID
            ("ac0123456789abcdef0123456789abcdef", false),
            ("", false),
        ])
    func accountSid(sid: String, valid: Bool) {
        #expect(TwilioCredentials.isValidAccountSid(sid) == valid)
    }

    @Test("Basic authorization is base64 of sid:token")
    func basicAuth() {
        let credentials = TwilioCredentials(accountSid: "ACx", authToken: "tok")
        #expect(credentials.basicAuthorization == "Basic QUN4OnRvaw==")
    }

    @Test("the flat error JSON, as Twilio documents it")
    func flatError() {
        let body =
            #"{"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#
        let error = TwilioErrorResponse.error(httpStatus: 400, body: Data(body.utf8), contentType: "application/json")
        #expect(
            error
                == .api(
                    httpStatus: 400, code: 21211,
                    message: "The 'To' number 5551234567 is not a valid phone number.",
                    moreInfo: "https://www.twilio.com/docs/errors/21211"))
        #expect(error.twilioCode == 21211)
    }

    @Test("the errors-array shape, a code given as a string, and bodies that are not error JSON")
    func otherShapes() {
        func parse(_ body: String, _ contentType: String? = "application/json") -> TwilioError {
            TwilioErrorResponse.error(httpStatus: 404, body: Data(body.utf8), contentType: contentType)
        }
        #expect(
            parse(#"{"errors":[{"code":20404,"message":"Not Found","infoUrl":"https://x"}]}"#)
                == .api(httpStatus: 404, code: 20404, message: "Not Found", moreInfo: "https://x"))
        #expect(parse(#"{"code":"20404","message":"Not Found"}"#).twilioCode == 20404)
        #expect(parse(#"{"message":"Not Found"}"#).description == "Twilio answered HTTP 404: Not Found")
        #expect(parse("").description == "Twilio answered HTTP 404 with an empty body instead of Twilio error JSON")
        #expect(parse("[1,2]", nil).description == "Twilio answered HTTP 404 with a body of 5 bytes that is not Twilio error JSON")
    }

    @Test("timeouts read as a person writes them")
    func seconds() {
        #expect(TwilioMessagingClient.seconds(.seconds(10)) == "10")
        #expect(TwilioMessagingClient.seconds(.milliseconds(250)) == "0.25")
        #expect(TwilioMessagingClient.seconds(.milliseconds(1500)) == "1.5")
    }

    @Test("settings: blank variables are unset, the base URL loses trailing slashes, the default is api.twilio.com")
    func settings() {
        let settings = TwilioSettings(environment: [
            "TWILIO_ACCOUNT_SID": " ", "TWILIO_AUTH_TOKEN": "tok", "TWILIO_API_BASE_URL": "http://127.0.0.1:9/",
        ])
        #expect(settings.accountSid == nil)
        #expect(settings.authToken == "tok")
        #expect(settings.fromNumber == nil)
        #expect(settings.baseURL == "http://127.0.0.1:9")
        #expect(settings.timeout == .seconds(10))
        #expect(TwilioSettings(environment: [:]).baseURL == "https://api.twilio.com")
    }
}
