#include "decodedpart.h"

#include "recordbatch.h"
#include "recordformat.h"
#include "schemadecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kafka {

namespace {

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QString DecodedPart::description() const
{
    return DecodedPayload{schemaId, type, json}.description();
}

bool wantsDecoding(bool local, bool present, QByteArrayView bytes)
{
    return present && (local || (!bytes.isEmpty() && bytes.at(0) == 0));
}

DecodedPart decodePart(SchemaDecoder *decoder, bool local, bool present, const QByteArray &bytes)
{
    DecodedPart part;
    if (!decoder || !wantsDecoding(local, present, bytes))
        return part;
    const auto decoded = decoder->decode(bytes);
    if (!decoded.ok()) {
        part.state = DecodedPart::State::Failed;
        part.error = decoded.error().message;
        return part;
    }
    part.state = DecodedPart::State::Decoded;
    part.schemaId = decoded.value().schemaId;
    part.type = decoded.value().type;
    part.json = decoded.value().json;
    return part;
}

void decodeBatch(RecordBatch &batch, SchemaDecoder *decoder, bool local)
{
    if (!decoder)
        return;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const RecordView record = batch.view(i);
        // The bytes in place (the batch is not changed while they are read).
        const auto bytes = [](QByteArrayView view) { return QByteArray::fromRawData(view.data(), view.size()); };
        const DecodedPart key = decodePart(decoder, false, !local && record.hasKey(), bytes(record.key()));
        const DecodedPart value = decodePart(decoder, local, record.hasValue(), bytes(record.value()));
        if (key.state != DecodedPart::State::NotDecoded || value.state != DecodedPart::State::NotDecoded)
            batch.setDecoded(i, key, value);
    }
}

QByteArray decodedJsonFields(const DecodedPart &part, const char *name)
{
    const QByteArray prefix = ",\"" + QByteArray(name);
    switch (part.state) {
    case DecodedPart::State::NotDecoded:
        return {};
    case DecodedPart::State::Failed:
        return prefix + "_decode_error\":" + jsonString(part.error);
    case DecodedPart::State::Decoded:
        break;
    }
    QByteArray fields;
    if (part.schemaId >= 0)
        fields += prefix + "_schema_id\":" + QByteArray::number(part.schemaId);
    fields += prefix + "_schema_type\":" + jsonString(schemaTypeName(part.type));
    fields += prefix + "_decoded\":" + part.json;
    return fields;
}

QByteArray toJsonLineDecoded(const Record &record, const DecodedPart &key, const DecodedPart &value)
{
    QByteArray line = toJsonLine(record);
    line.chop(2); // "}\n"
    return line + decodedJsonFields(key, "key") + decodedJsonFields(value, "value") + "}\n";
}

} // namespace kafka
