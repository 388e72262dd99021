#pragma once

#include "schemadecoder.h"

namespace kafka {

// An Avro schema (Apache Avro's C library) ready to decode binary-encoded
// data into JSON text in Avro's own JSON encoding, which reads back
// unambiguously against the schema: a union as {"branch type": value} (null as
// null), bytes and fixed as a string of code points U+0000..U+00FF (one per
// byte), an enum as its symbol. Logical types appear as their underlying
// value (timestamp-millis as the number of milliseconds, decimal as bytes):
// Avro's C library does not interpret them.
Result<std::shared_ptr<const ParsedSchema>> parseAvroSchema(const RegistrySchema &schema);

// The same from a schema's JSON text alone (a local .avsc).
Result<std::shared_ptr<const ParsedSchema>> parseAvroSchemaText(const QByteArray &json);

} // namespace kafka
