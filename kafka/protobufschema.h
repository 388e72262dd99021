#pragma once

#include "schemadecoder.h"

namespace kafka {

// A Protobuf schema from the registry (its .proto text, or the base64 of a
// FileDescriptorProto as some serializers register it, with the files it
// imports as references; Google's well-known types come from libprotobuf)
// ready to decode payloads: after the registry's header come the message
// indexes (a zigzag-varint count, then that many zigzag varints; a count of
// 0 means the first message type) that pick the message type, then the
// message. Shown as Protobuf's canonical JSON, with field names as in the
// .proto and fields at their default shown too.
Result<std::shared_ptr<const ParsedSchema>> parseProtobufSchema(const RegistrySchema &schema);

// A local .proto file as the registry would give it: its text, with the files
// it imports (found beside it, by their import path) as references. Reads
// files: call it off the GUI thread.
Result<RegistrySchema> protobufSchemaFromFile(const QString &path);

} // namespace kafka
