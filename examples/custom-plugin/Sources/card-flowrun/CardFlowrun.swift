import FlowrunCLI

/// `card-flowrun`: flowrun's commands with the built-in plug-ins plus `LuhnCheck`.
@main
struct CardFlowrun {
    static func main() async {
        var environment = FlowrunEnvironment.standard
        environment.plugins.register(LuhnCheck(), as: "LuhnCheck")
        await FlowrunEnvironment.$current.withValue(environment) {
            await FlowrunCommand.main()
        }
    }
}
