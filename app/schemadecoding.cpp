#include "schemadecoding.h"

#include "whenready.h"

#include "kafka/networkpool.h"
#include "kafka/payload.h"

SchemaDecoding::SchemaDecoding(QObject *parent) : QObject(parent) {}

bool SchemaDecoding::setSource(const QString &source)
{
    if (source == m_source)
        return false;
    m_source = source;
    m_decoder = nullptr;
    m_local = false;
    ++m_generation; // what the old decoder was decoding is not shown
    if (kafka::isRegistryUrl(source)) {
        // A new decoder: its cache starts empty, as the registry may differ.
        m_decoder = std::make_shared<kafka::SchemaDecoder>(
            source == m_login.url ? m_login : kafka::SchemaRegistrySettings{source, {}, {}});
    } else if (!source.isEmpty()) {
        // A file of unknown size is never read on the GUI thread.
        whenReady(this, kafka::runOnNetworkPool([source] { return kafka::localSchemaDecoder(source); }),
                  [this, source](const kafka::Result<std::shared_ptr<kafka::SchemaDecoder>> &loaded) {
                      if (source != m_source)
                          return;
                      if (!loaded.ok())
                          return emit loadFailed(loaded.error().message);
                      m_decoder = loaded.value();
                      m_local = true;
                      emit decoderChanged();
                  });
    }
    emit decoderChanged();
    return true;
}

void SchemaDecoding::setRegistryLogin(const kafka::SchemaRegistrySettings &login)
{
    const bool same = login.url == m_login.url && login.username == m_login.username
                      && login.password == m_login.password;
    m_login = login;
    if (!same && !m_source.isEmpty() && m_source == login.url) {
        const QString source = m_source;
        m_source.clear(); // so that setSource() makes a decoder with the new login
        setSource(source);
    }
}

bool SchemaDecoding::wantsToDecode(const kafka::Record &r) const
{
    // A local schema is for values only, and any value (bare Avro too).
    return m_decoder
           && (kafka::wantsDecoding(m_local, r.hasValue, r.value) || kafka::wantsDecoding(false, !m_local && r.hasKey, r.key));
}

bool SchemaDecoding::decodeRecord(const kafka::Record &r, std::function<void(const RecordDecoding &)> done)
{
    const quint64 generation = ++m_generation;
    if (!wantsToDecode(r))
        return false;
    whenReady(this,
              kafka::runOnNetworkPool([decoder = m_decoder, local = m_local, r] {
                  return RecordDecoding{kafka::decodePart(decoder.get(), false, !local && r.hasKey, r.key),
                                        kafka::decodePart(decoder.get(), local, r.hasValue, r.value)};
              }),
              [this, generation, done = std::move(done)](const RecordDecoding &decoded) {
                  if (generation == m_generation)
                      done(decoded);
              });
    return true;
}

QString SchemaDecoding::summary(const RecordDecoding &decoded, bool valueShown)
{
    QStringList notes;
    if (decoded.key.isDecoded())
        notes.append(tr("key %1: %2").arg(decoded.key.description(), kafka::previewText(decoded.key.json, 80)));
    else if (decoded.key.isFailed())
        notes.append(tr("key not decoded: %1").arg(decoded.key.error));
    if (decoded.value.isDecoded() && valueShown)
        notes.append(tr("value %1, shown below as JSON").arg(decoded.value.description()));
    else if (decoded.value.isDecoded())
        notes.append(tr("value %1 (shown as JSON in Automatic or JSON)").arg(decoded.value.description()));
    else if (decoded.value.isFailed())
        notes.append(tr("value not decoded: %1").arg(decoded.value.error));
    return notes.join(QStringLiteral("; "));
}
