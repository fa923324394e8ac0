/// Salesforce's standard invocable actions that make sense without an org, built in so that
/// flows using them check and run with no plug-in registered. A plug-in registered under the
/// action's name (or its action type) takes precedence.
///
/// - `chatterPost` creates a `FeedItem` record (`Body`, `ParentId`, `Type` `TextPost`,
///   `Visibility`, `NetworkScope`) and returns its Id as `feedItemId`.
/// - `customNotificationAction` creates a `CustomNotification` record (`CustomNotifTypeId`,
///   `Title`, `Body`, `RecipientIds` as a collection, `SenderId`, `TargetId`, `TargetPageRef`).
///
/// `flow` actions are subflows. `emailSimple` is dispatched to the plug-in registered as
/// `emailSimple`.
public enum StandardActions {
    /// The built-in action of this `<actionType>`, if there is one.
    public static func plugin(forActionType actionType: String?) -> (any FlowPlugin)? {
        switch actionType {
        case "chatterPost": ChatterPostAction()
        case "customNotificationAction": CustomNotificationAction()
        default: nil
        }
    }
}

extension ValidationRun {
    /// The plug-in an element calls: registered under its `<apexClass>`/`<actionName>`; for an
    /// action, else registered under its `<actionType>` (so one `emailSimple` plug-in serves every
    /// Send Email action), else a built-in standard action.
    func actionPlugin(for call: PluginCallElement) -> (any FlowPlugin)? {
        if let plugin = plugins.plugin(named: call.pluginName) { return plugin }
        guard call.isActionCall, let actionType = call.actionType else { return nil }
        return plugins.plugin(named: actionType) ?? StandardActions.plugin(forActionType: actionType)
    }
}

/// An action that needs the record store the interview runs with.
private struct NoRecordStore: Error, CustomStringConvertible {
    var action: String
    var description: String { "\(action) needs a record store to record into" }
}

/// `chatterPost`: Post to Chatter, recorded as a `FeedItem`.
struct ChatterPostAction: FlowPlugin {
    func describe() -> PluginDescription {
        PluginDescription(
            name: "chatterPost", tag: "Standard action",
            description: "Post to Chatter: recorded as a FeedItem record",
            inputs: [
                PluginParameter("text", .string, required: true, description: "the post's text"),
                PluginParameter("subjectNameOrId", .string, required: true, description: "the user, group or record posted to"),
                PluginParameter("type", .string, description: "User or Group, when subjectNameOrId is a name"),
                PluginParameter("communityId", .string),
                PluginParameter("visibility", .string, description: "allUsers (default) or internalUsers"),
            ],
            outputs: [PluginParameter("feedItemId", .id)])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        guard let records = context.records else { throw NoRecordStore(action: "chatterPost") }
        var item = FlowRecord(objectType: "FeedItem")
        item["Body"] = request["text"]
        item["ParentId"] = request["subjectNameOrId"]
        item["Type"] = .string("TextPost")
        item["Visibility"] = .string(request.text("visibility") ?? "AllUsers")
        if let community = request.text("communityId") { item["NetworkScope"] = .string(community) }
        let id = try await records.create(item)
        return PluginResult(["feedItemId": .string(id)])
    }
}

/// `customNotificationAction`: Send Custom Notification, recorded as a `CustomNotification`.
struct CustomNotificationAction: FlowPlugin {
    func describe() -> PluginDescription {
        PluginDescription(
            name: "customNotificationAction", tag: "Standard action",
            description: "Send Custom Notification: recorded as a CustomNotification record",
            inputs: [
                PluginParameter("customNotifTypeId", .id, required: true),
                PluginParameter("recipientIds", .string, required: true, isCollection: true),
                PluginParameter("title", .string, required: true),
                PluginParameter("body", .string, required: true),
                PluginParameter("senderId", .id),
                PluginParameter("targetId", .id),
                PluginParameter("targetPageRef", .string),
            ],
            outputs: [])
    }

    func invoke(_ request: PluginRequest, context: PluginContext) async throws -> PluginResult {
        guard let records = context.records else { throw NoRecordStore(action: "customNotificationAction") }
        var notification = FlowRecord(objectType: "CustomNotification")
        for (field, input) in [
            ("CustomNotifTypeId", "customNotifTypeId"), ("Title", "title"), ("Body", "body"), ("SenderId", "senderId"),
            ("TargetId", "targetId"), ("TargetPageRef", "targetPageRef"), ("RecipientIds", "recipientIds"),
        ] where !request[input].isNull {
            notification[field] = request[input]
        }
        _ = try await records.create(notification)
        return PluginResult()
    }
}
