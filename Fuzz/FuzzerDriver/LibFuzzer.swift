import Foundation

/// What libFuzzer calls with each input; returns 0 (anything else is reserved by libFuzzer).
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process to libFuzzer with `target`, and exits with libFuzzer's status.
///
/// SwiftPM links an executable's `main` to the module's own entry point, so libFuzzer's `main`
/// is never used: the fuzzers have a Swift `@main` that calls `LLVMFuzzerRunDriver`, libFuzzer's
/// documented entry for programs with their own `main` (same command-line options).
public func runLibFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *, size_t))`,
// from the sanitizer runtime `-sanitize=fuzzer` links. Declared by its symbol because there is no
// header to import; pointers and ints pass the same way in Swift's and C's conventions here.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget
) -> CInt
