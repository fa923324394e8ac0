#ifndef FLOWRUN_CLIBXML2_SHIM_H
#define FLOWRUN_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's ICU headers,
// which clash with the ICU module Foundation ships ("UErrorCode has different definitions").
// flowrun only passes encoding handlers around by pointer, so it does not need their ICU fields.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
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

#endif
