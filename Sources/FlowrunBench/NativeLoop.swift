/// The floor for the counted loop: a Swift dispatch loop over a small instruction set, an
/// "element" being one instruction executed (two per round: increment, compare-and-jump).
/// From the reference benchmarks the issue was measured with (`native-flowbench.swift`).
enum NativeLoop {
    enum Instruction {
        case increment(slot: Int)
        case jumpIfLess(slot: Int, limit: Int, target: Int)
        case halt
    }

    /// Built at run time and not inlined, so the optimiser cannot specialise on it.
    @inline(never) static func program() -> [Instruction] {
        [.increment(slot: 0), .jumpIfLess(slot: 0, limit: 1, target: 0), .halt]
    }

    @inline(never) static func interpret(_ program: [Instruction], _ slots: inout [Int]) -> Int {
        var counter = 0
        var executed = 0
        while true {
            switch program[counter] {
            case .increment(let slot):
                slots[slot] += 1
                counter += 1
            case .jumpIfLess(let slot, let limit, let target):
                counter = slots[slot] < slots[limit] ? target : counter + 1
            case .halt:
                return executed
            }
            executed += 1
        }
    }

    /// Nanoseconds per element over `rounds` rounds.
    static func nanosecondsPerElement(rounds: Int) -> Double {
        var slots = [0, rounds]
        let clock = ContinuousClock()
        let start = clock.now
        let executed = interpret(program(), &slots)
        let elapsed = clock.now - start
        precondition(slots[0] == rounds && executed == 2 * rounds)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds / Double(executed) * 1e9
    }
}
