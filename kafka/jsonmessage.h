#pragma once

#include "error.h"
#include "producer.h"

#include <QByteArrayView>

namespace kafka {

// What a JSON line may carry beyond key, value and headers, and whether it
// is used: a replay to another topic usually wants neither.
struct JsonLineUse {
    bool partition = false; // the line's "partition"; else the message's own (or the partitioner)
    bool timestamp = false; // the line's "timestamp"; else the time it is produced
};

// One JSON object per line, as Export… and `kafkadesk consume --format json`
// write them, or by hand:
//   {"key": K, "value": V, "headers": H, "partition": P, "timestamp": T}
// every member optional. A string key or value is sent as its UTF-8 bytes;
// any other JSON value (number, object, array, true, false) as the exact
// text it was written with; null as no key / no value (a tombstone).
// "key_encoding": "base64" (or "value_encoding") says the string is the
// bytes' base64. Headers are an object ({"name": "value", ...}) or an array
// of {"name", "value"} objects (with "name_encoding"/"value_encoding"), in
// the order written, a repeated name kept. "topic" and "offset" (where an
// exported message came from) are read past; any other member is refused,
// so a misspelt "vaule" is not silently left out.
//
// `message` gives the topic and the defaults (partition); the result is it
// with the line applied, or what is wrong with the line.
Result<ProduceRequest> parseJsonMessage(QByteArrayView line, ProduceRequest message, JsonLineUse use = {});

} // namespace kafka
