#pragma once

#include "kafka/decodedpart.h"
#include "kafka/record.h"
#include "kafka/schemadecoder.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

// A consumer's schema decoding, apart from the widgets that show it: which
// source is set (a Schema Registry URL, or a local .avsc / .proto file), the
// decoder made for it, and decoding one record for the detail view. The
// decoder blocks (the registry may take seconds, a file is of unknown size),
// so a local file is read and parsed on the network pool, and records are
// decoded there; a generation count drops the answer for a record that is
// no longer the one asked about.
class SchemaDecoding : public QObject {
    Q_OBJECT
public:
    // What decoding one record gave (NotDecoded: not asked).
    struct RecordDecoding {
        kafka::DecodedPart key;
        kafka::DecodedPart value;
    };

    explicit SchemaDecoding(QObject *parent = nullptr);

    QString source() const { return m_source; }
    // True when the decoder is a local schema's: values only, every value.
    bool isLocal() const { return m_local; }
    // Null while none is set or a local schema is still loading.
    std::shared_ptr<kafka::SchemaDecoder> decoder() const { return m_decoder; }

    // A registry URL (http:// or https://), a local schema file, or "" for
    // none. A registry's decoder is ready at once (decoderChanged()); a file
    // is loaded on the pool, then decoderChanged() or loadFailed(). False
    // when `source` is the one already set.
    bool setSource(const QString &source);
    // The login (user, password) for the registry at login.url, used
    // whenever that URL is the source (a new decoder when it is already).
    void setRegistryLogin(const kafka::SchemaRegistrySettings &login);

    // Whether `record` has a part the decoder would be asked about.
    bool wantsToDecode(const kafka::Record &record) const;
    // Decodes `record` on the pool and calls `done` on this object's thread,
    // unless decodeRecord() was called again meanwhile. False (and `done`
    // never called) when there is nothing to decode.
    bool decodeRecord(const kafka::Record &record, std::function<void(const RecordDecoding &)> done);
    // In words, for the detail view: "key decoded with schema 3 (AVRO): …;
    // value decoded with …, shown below as JSON" (`valueShown`), or why not.
    static QString summary(const RecordDecoding &decoded, bool valueShown);

signals:
    void decoderChanged();
    void loadFailed(const QString &message);

private:
    QString m_source;
    kafka::SchemaRegistrySettings m_login;
    std::shared_ptr<kafka::SchemaDecoder> m_decoder;
    bool m_local = false;
    quint64 m_generation = 0; // a decoding for an older request is dropped
};
