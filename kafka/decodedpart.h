#pragma once

#include "record.h"
#include "schemaregistry.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace kafka {

class RecordBatch;
class SchemaDecoder;

// What a schema made of one key or value: its JSON text, or why it could
// not be decoded, or nothing (not in the registry's wire format, or no
// schema asked for). The bytes themselves are never replaced by it.
struct DecodedPart {
    enum class State : quint8 { NotDecoded, Decoded, Failed };
    State state = State::NotDecoded;
    int schemaId = -1; // -1: bare data, decoded with a local schema
    SchemaType type = SchemaType::Avro;
    QByteArray json; // Decoded: one line of JSON text
    QString error;   // Failed: why, in words

    bool isDecoded() const { return state == State::Decoded; }
    bool isFailed() const { return state == State::Failed; }
    // "decoded with schema 42 (AVRO)", "decoded with the local AVRO schema".
    QString description() const;
};

// Whether a decoder is asked about these bytes: a registry decodes what
// starts with its magic byte 0 (text and other bytes are left alone); a
// local schema decodes every value it is given.
bool wantsDecoding(bool local, bool present, QByteArrayView bytes);

// `bytes` decoded with `decoder` when wantsDecoding(); NotDecoded otherwise
// (and when `decoder` is null). Blocks on the registry: not on the GUI thread.
DecodedPart decodePart(SchemaDecoder *decoder, bool local, bool present, const QByteArray &bytes);

// Decodes the key (registry only) and the value of every record of `batch`
// and keeps what came of it with the record (RecordBatch::setDecoded). A
// local schema decodes values only. Blocks on the registry.
void decodeBatch(RecordBatch &batch, SchemaDecoder *decoder, bool local);

// The fields decoding adds to a JSON line after the record's own, for part
// `name` ("key", "value"): `,"value_schema_id":42,"value_schema_type":"AVRO",
// "value_decoded":{...}`, or `,"value_decode_error":"..."`; empty when not decoded.
QByteArray decodedJsonFields(const DecodedPart &part, const char *name);

// toJsonLine(record) with what decoding gave beside the bytes, which stay as
// they are (an export replays byte for byte). Written by `kafkadesk consume
// --format json` with a schema and by Export… with decoded values.
QByteArray toJsonLineDecoded(const Record &record, const DecodedPart &key, const DecodedPart &value);

} // namespace kafka
