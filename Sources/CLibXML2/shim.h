#ifndef FLOWRUN_CLIBXML2_SHIM_H
#define FLOWRUN_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's ICU headers,
// which clash with the ICU module Foundation ships ("UErrorCode has different definitions").
// flowrun only passes encoding handlers around by pointer, so it does not need their ICU fields.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// xmlFree is a macro in libxml2 2.9 (thread-local allocator), which Swift cannot call.
static inline void flowrun_xmlFree(void *pointer) { xmlFree(pointer); }

// xmlGenericErrorFunc is variadic, which Swift cannot implement; this no-op keeps libxml2
// from writing to stderr behind our back (structured errors are collected separately).
static inline void flowrun_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context; (void)message;
}
static inline void flowrun_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, flowrun_xml_ignore_generic_error);
}

// A parser context that reads `size` bytes at `bytes` and reports to `sax`, passing `user` to
// every callback. It is what xmlCreateMemoryParserCtxt makes, with the handler installed before
// the options are applied (xmlCtxtUseOptions edits the handler: XML_PARSE_NOERROR removes its
// error callbacks, XML_PARSE_NOCDATA its CDATA one), and with no encoding forced: forcing "UTF-8"
// (as xmlReadMemory(..., "UTF-8", ...) does) copies the whole input once more through a converter.
// libxml2 copies the bytes into its own buffer, so the caller's may go once this returns.
static inline xmlParserCtxtPtr flowrun_sax_parser(
    const char *bytes, int size, const xmlSAXHandler *sax, void *user, int options) {
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) return NULL;
    xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateMem(size > 0 ? bytes : "", size, XML_CHAR_ENCODING_NONE);
    if (buffer == NULL) {
        xmlFreeParserCtxt(context);
        return NULL;
    }
    xmlParserInputPtr input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE);
    if (input == NULL) {
        xmlFreeParserInputBuffer(buffer);
        xmlFreeParserCtxt(context);
        return NULL;
    }
    if (inputPush(context, input) < 0) {
        xmlFreeInputStream(input);
        xmlFreeParserCtxt(context);
        return NULL;
    }
    *context->sax = *sax;
    context->userData = user;
    xmlCtxtUseOptions(context, options);
    return context;
}

#endif
