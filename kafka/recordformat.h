#pragma once

#include "record.h"

#include <QByteArray>

namespace kafka {

// One JSON object per record (JSON lines): topic, partition, offset,
// timestamp, key, value, headers [{name, value}]. Bytes that are not valid
// UTF-8 are base64, flagged by "<field>_encoding": "base64"; a null key or
// value is null.
QByteArray toJsonLine(const Record &record);

// CSV (RFC 4180 quoting) with the same fields; bytes that are not valid
// UTF-8 are written as "base64:" and their base64; headers as name=value
// pairs separated by ';'.
QByteArray csvHeaderLine();
QByteArray toCsvLine(const Record &record);

} // namespace kafka
