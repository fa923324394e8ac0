import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one client's connections may hold: an idle or half-sent connection is closed after
/// `idleTimeout`, and at most `maximum` are open at once (beyond that, new ones wait in the
/// kernel's queue until one closes). Twenty thousand idle connections once took every file
/// descriptor and 370 MB; now they take at most `maximum` descriptors, for `idleTimeout` each.
public struct ConnectionLimits: Sendable, Equatable {
    public var idleTimeout: TimeInterval
    public var maximum: Int

    public init(idleTimeout: TimeInterval = 30, maximum: Int = 1000) {
        self.idleTimeout = idleTimeout
        self.maximum = maximum
    }

    /// Descriptors kept back from the cap for the database, the key file and logs.
    static let reservedDescriptors = 64

    /// `maximum`, lowered to what this process's open-file limit leaves after the reserve:
    /// connections must never take the descriptors the server needs for anything else.
    func fittingTheOpenFileLimit() -> ConnectionLimits {
        var limit = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return self }
        var fitted = self
        fitted.maximum = max(1, min(maximum, Int(limit.rlim_cur) - Self.reservedDescriptors))
        return fitted
    }
}
