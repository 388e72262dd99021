#pragma once

#include "record.h"

#include <QByteArray>

namespace kafka {

// Both formats read back to the record byte for byte
// (tests/fuzz/fuzz_recordformat reads them so).
//
// One JSON object per record (JSON lines): topic, partition, offset,
// timestamp, key, value, headers [{name, value}]. Bytes that are not valid
// UTF-8 (header names too), or that start with a byte order mark, are
// base64, flagged by "<field>_encoding": "base64"; a null key or value is
// null.
QByteArray toJsonLine(const Record &record);

// CSV (RFC 4180 quoting) with the same fields; headers as NAME=VALUE pairs
// separated by ';'. Bytes that are not valid UTF-8 are written as "base64:"
// and their base64, and so is text that would read back as something else:
// text starting with "base64:", a header name holding ';' or '=' (its base64
// without '=' padding), a header value holding ';'. A null key or value is
// an empty field, an empty one is "".
QByteArray csvHeaderLine();
QByteArray toCsvLine(const Record &record);

} // namespace kafka
