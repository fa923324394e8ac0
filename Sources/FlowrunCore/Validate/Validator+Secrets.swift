extension ValidationRun {
    /// Marks as secret every resource that holds or is checked against a secret.
    ///
    /// A plug-in output declared secret (a one-time code) and password fields start secret.
    /// From there: an assignment from a secret makes its target secret, and a resource compared
    /// for equality with a secret is secret too, because it holds what the user typed as the
    /// code (`Code EqualTo VerificationCode`). Traces, logs and printed outputs mask them all.
    mutating func propagateSecrets(through elements: [CompiledElement]) {
        var pairs: [SlotLink] = []
        var flows: [SlotLink] = []
        for element in elements {
            switch element.kind {
            case .decision(let rules, _, _):
                for condition in rules.flatMap(\.conditions) where condition.op == .equalTo || condition.op == .notEqualTo {
                    if case .slot(let left, _) = condition.left, case .slot(let right, _)? = condition.right {
                        pairs.append(SlotLink(from: left, to: right))
                    }
                }
            case .assignment(let items, _):
                for item in items {
                    if case .slot(let source, _)? = item.value { flows.append(SlotLink(from: source, to: item.target.slot)) }
                }
            default:
                break
            }
        }
        var changed = true
        while changed {
            changed = false
            for pair in pairs where resources[pair.from].isSecret != resources[pair.to].isSecret {
                resources[pair.from].isSecret = true
                resources[pair.to].isSecret = true
                changed = true
            }
            for link in flows where resources[link.from].isSecret && !resources[link.to].isSecret {
                resources[link.to].isSecret = true
                changed = true
            }
        }
    }
}

/// Two slots a secret can pass between.
private struct SlotLink {
    var from: Int
    var to: Int
}
