import PostgresNIO

/// One action of the interview or access store: a failure becomes a
/// `PostgresInterviewStoreError` that names the action and carries the server's message, never
/// the bound values (the state may hold personal data or one-time codes).
enum PostgresAction {
    static func perform<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            // PSQLError's own description hides everything; the server's message names the problem.
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            throw PostgresInterviewStoreError(description: "could not \(action) in PostgreSQL: \(message)")
        } catch {
            // Connection-pool errors (the server cannot be reached or refuses the login).
            throw PostgresInterviewStoreError(description: "could not \(action) in PostgreSQL: \(error)")
        }
    }
}
