#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace kafka {

// A JSON text read at the level of its tokens, where QJsonDocument would
// rewrite it: members keep their order and their duplicates, and a value is
// handed back as the exact text it was written with (`1.50` stays `1.50`, a
// 20-digit integer keeps every digit, `{"b":1,"a":2}` keeps its order).
struct JsonMember {
    QByteArray name;     // the member's name, decoded
    QByteArrayView text; // its value exactly as written (a view into the parsed text)
};

// The members of the JSON object `text`, in order; or where and why `text`
// is not one ("at character 17: expected ',' or '}'"). The whole text is
// checked (strict RFC 8259: UTF-8, no trailing commas, nothing after it).
Result<QList<JsonMember>> jsonObjectMembers(QByteArrayView text);

// The elements of the JSON array `text`, each exactly as written.
Result<QList<QByteArrayView>> jsonArrayElements(QByteArrayView text);

// The bytes of a JSON string token (quotes included), its escapes decoded;
// nothing when `token` is not a string.
std::optional<QByteArray> jsonStringBytes(QByteArrayView token);

} // namespace kafka
