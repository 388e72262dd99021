// The payload views (kafka/payload.*): any bytes, any format, any limit.
// Checks the bounds the detail view and the message table rely on: the
// rendering is never longer than its limit allows, and says truthfully
// whether it cut and which format it used.
#include "kafka/payload.h"

#include "fuzzcheck.h"

#include <fuzzer/FuzzedDataProvider.h>

using kafka::PayloadFormat;

namespace {

// JSON without the whitespace between its tokens (strings kept whole).
QByteArray withoutLayout(const QByteArray &json)
{
    QByteArray out;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    const auto format = PayloadFormat(input.ConsumeIntegralInRange<int>(0, 3));
    const qsizetype maxBytes = input.ConsumeIntegralInRange<qsizetype>(0, 1024);
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QByteArray bytes(rest.data(), qsizetype(rest.size()));

    const QString preview = kafka::previewText(bytes, maxBytes);
    FUZZ_CHECK(preview.size() <= maxBytes + 1); // the text, or the hex, plus "…"

    PayloadFormat used = PayloadFormat::Auto;
    bool truncated = false;
    const QString shown = kafka::renderPayload(bytes, format, maxBytes, &used, &truncated);
    FUZZ_CHECK(used != PayloadFormat::Auto);
    FUZZ_CHECK(truncated == (bytes.size() > maxBytes));
    const qsizetype kept = std::min(bytes.size(), maxBytes);
    switch (used) {
    case PayloadFormat::Hex:
        // A line per 16 bytes: offset (8), hex (16 × 3), ASCII (one a byte).
        FUZZ_CHECK(shown.size() == kept / 16 * 76 + (kept % 16 ? 60 + kept % 16 : 0));
        break;
    case PayloadFormat::Text:
        FUZZ_CHECK(shown.size() <= maxBytes + 1);
        break;
    case PayloadFormat::Json:
        // Only a payload that fits is laid out; indenting may grow it, but
        // not without bound (a bomb of nested brackets must not take the
        // detail view's memory), and it only re-indents (DESIGN.md): the
        // same JSON bytes, in the same order, whitespace aside.
        FUZZ_CHECK(!truncated);
        FUZZ_CHECK(shown.size() <= 8 * bytes.size() + 4096);
        // (QString::fromUtf8 drops a leading byte order mark, as text views do.)
        FUZZ_CHECK(withoutLayout(shown.toUtf8()) == withoutLayout(bytes.startsWith("\xef\xbb\xbf") ? bytes.mid(3) : bytes));
        break;
    case PayloadFormat::Auto:
        break;
    }
    if (format == PayloadFormat::Auto && used == PayloadFormat::Hex)
        FUZZ_CHECK(!kafka::isValidUtf8(bytes));
    return 0;
}
