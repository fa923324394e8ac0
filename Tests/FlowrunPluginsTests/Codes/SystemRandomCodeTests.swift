import FlowrunCore
import Testing

@testable import FlowrunPlugins

/// The system source draws a whole code at once (`SystemRandomSource.digits`): every code is still
/// the asked number of ASCII digits, leading zeros kept, and every digit turns up in every place.
@Suite("System random codes") struct SystemRandomCodeTests {
    @Test func codesAreAllDigitsOfTheAskedLength() {
        let random = SystemRandomSource()
        for count in [1, 6, 8, 19, 20, 40] {
            let code = random.digits(count)
            #expect(code.count == count)
            #expect(code.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        }
        #expect(random.digits(0) == "")
        #expect(OneTimeCode.make(random).count == OneTimeCode.length)
    }

    /// 2,000 codes leave a given digit out of a given place with probability 0.9^2000, about 1e-92.
    @Test func everyDigitAppearsInEveryPlace() {
        let random = SystemRandomSource()
        var seen = Array(repeating: Set<Character>(), count: 6)
        for _ in 0..<2000 {
            for (place, digit) in random.digits(6).enumerated() { seen[place].insert(digit) }
        }
        for place in 0..<6 { #expect(seen[place].count == 10, "place \(place) saw only \(seen[place].sorted())") }
    }

    @Test func bytesComeInTheAskedNumber() {
        let random = SystemRandomSource()
        for count in [0, 1, 7, 8, 9, 16, 33] { #expect(random.bytes(count).count == count) }
        #expect(OneTimeCode.matches("123456", hash: OneTimeCode.hash("123456")) == true)
        #expect(OneTimeCode.matches("123457", hash: OneTimeCode.hash("123456")) == false)
    }
}
