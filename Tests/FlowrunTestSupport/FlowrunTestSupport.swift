public enum FlowrunTestSupport {}
