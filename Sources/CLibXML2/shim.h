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
#include <stdlib.h>
#include <string.h>

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

// The caller's bytes, handed to libxml2 a piece at a time by flowrun_input_read.
typedef struct {
    const char *bytes;
    int size;
    int offset;
} flowrun_input;

static inline int flowrun_input_read(void *context, char *buffer, int length) {
    flowrun_input *input = (flowrun_input *)context;
    int left = input->size - input->offset;
    int count = length < left ? length : left;
    if (count > 0) memcpy(buffer, input->bytes + input->offset, (size_t)count);
    input->offset += count;
    return count;
}

static inline int flowrun_input_close(void *context) {
    free(context);
    return 0;
}

// A parser context that reads `size` bytes at `bytes` and reports to `sax`, passing `user` to
// every callback. It is what xmlCreateMemoryParserCtxt makes, with the handler installed before
// the options are applied (xmlCtxtUseOptions edits the handler: XML_PARSE_NOERROR removes its
// error callbacks, XML_PARSE_NOCDATA its CDATA one), and with no encoding forced: forcing "UTF-8"
// (as xmlReadMemory(..., "UTF-8", ...) does) copies the whole input once more through a converter.
// The bytes are read through a callback rather than given as memory: libxml2 copies a memory
// input whole into a buffer grown by doubling (16 MiB for a 9.9 MB flow, a fifth of checking
// it), but reads a callback's a few kilobytes at a time and drops what it has parsed. It is the
// same parser either way (xmlParseDocument pulls the input), so errors and lines are the same.
// The caller's bytes must stay put until the context is freed.
static inline xmlParserCtxtPtr flowrun_sax_parser(
    const char *bytes, int size, const xmlSAXHandler *sax, void *user, int options) {
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) return NULL;
    flowrun_input *reader = (flowrun_input *)malloc(sizeof(flowrun_input));
    if (reader == NULL) {
        xmlFreeParserCtxt(context);
        return NULL;
    }
    reader->bytes = bytes;
    reader->size = size > 0 ? size : 0;
    reader->offset = 0;
    // On failure libxml2 has not taken the reader: it is freed here.
    xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateIO(
        flowrun_input_read, flowrun_input_close, reader, XML_CHAR_ENCODING_NONE);
    if (buffer == NULL) {
        free(reader);
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
