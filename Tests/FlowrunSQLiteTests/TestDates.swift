import FlowrunCore
import Foundation

/// An instant from ISO 8601 text, for expectations.
func instant(_ text: String) -> Date { Date(isoText: text) ?? .distantPast }
