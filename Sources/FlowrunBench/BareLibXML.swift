import CLibXML2

/// What bounds flowrun's parse: libxml2 alone reading the same bytes into its own tree and freeing it.
enum BareLibXML {
    static func parse(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let document = xmlReadMemory(pointer, Int32(buffer.count), "bench.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                else { return false }
                xmlFreeDoc(document)
                return true
            }
        }
    }
}
