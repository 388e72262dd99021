#pragma once

#include <QByteArray>
#include <QString>

namespace kafka {

// Payloads are bytes (DESIGN.md): these decide how to show them.
bool isValidUtf8(QByteArrayView bytes);
// Valid UTF-8 as text, anything else as hex bytes ("\x00\xff" → "00 ff");
// at most `maxChars` characters, with "…" when cut.
QString previewText(QByteArrayView bytes, qsizetype maxChars = 200);

enum class PayloadFormat { Auto, Text, Json, Hex };

// A payload for the detail view, at most `maxBytes` of it (a 5 MB value is
// not laid out whole). Auto: pretty JSON if it parses, text if valid UTF-8,
// hex otherwise. `used` tells which format was chosen; `truncated` whether
// part was left out. JSON is only re-indented (key order, duplicates and
// number text as sent), and shown as text when its layout would take more
// than 8 × its size + 4 KiB (deep nesting). When JSON was asked for and
// cannot be shown as JSON, `notJson` (if given) says why: where the parse
// failed, or that the value is too large to lay out.
QString renderPayload(const QByteArray &bytes, PayloadFormat format, qsizetype maxBytes, PayloadFormat *used,
                      bool *truncated, QString *notJson = nullptr);

} // namespace kafka
