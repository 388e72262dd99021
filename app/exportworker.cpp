#include "exportworker.h"

#include "kafka/recordformat.h"

#include <QDeadlineTimer>

ExportWorker::ExportWorker(RecordSnapshot records, const QString &path, Format format)
    : m_records(std::move(records)), m_format(format), m_file(std::make_unique<QSaveFile>(path))
{
}

// A QSaveFile destroyed uncommitted removes its temporary file.
ExportWorker::~ExportWorker() = default;

ExportWorker::Format ExportWorker::formatFor(const QString &path)
{
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? Format::Csv : Format::JsonLines;
}

void ExportWorker::setDecodedValues(std::shared_ptr<kafka::SchemaDecoder> decoder, bool localSchema)
{
    m_decodedValues = true;
    m_decoder = std::move(decoder);
    m_localSchema = localSchema;
}

namespace {

// What the consumer decoded, else what `decoder` makes of it now (on the
// export's thread: the registry may be asked).
kafka::DecodedPart decodedPart(const kafka::RecordView::Decoded &stored, kafka::SchemaDecoder *decoder, bool local,
                               bool present, const QByteArray &bytes)
{
    if (stored.state != kafka::DecodedPart::State::NotDecoded)
        return stored.toPart();
    return kafka::decodePart(decoder, local, present, bytes);
}

} // namespace

void ExportWorker::start()
{
    if (!m_file)
        return; // cancelled before it began
    // Unbuffered: QFileDevice's own buffer reports a short write as
    // "Unknown error" (Qt 6.4); writing our chunks ourselves, the write
    // after a short one fails with the system's reason ("No space left on
    // device", "File too large").
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(m_file->errorString());
    if (m_format == Format::Csv)
        m_chunk = kafka::csvHeaderLine();
    writeSlice();
}

bool ExportWorker::writeChunk()
{
    qsizetype done = 0;
    while (done < m_chunk.size()) {
        const qint64 n = m_file->write(m_chunk.constData() + done, m_chunk.size() - done);
        if (n <= 0)
            return false;
        done += qsizetype(n);
    }
    m_chunk.clear();
    return true;
}

void ExportWorker::writeSlice()
{
    if (!m_file)
        return; // cancelled or failed meanwhile
    const QDeadlineTimer slice(SliceMs);
    const QList<RecordSnapshot::RowRange> &ranges = m_records.rows();
    while (m_range < ranges.size() && !slice.hasExpired()) {
        const RecordSnapshot::RowRange &range = ranges.at(m_range);
        if (m_inRange >= range.count) {
            ++m_range;
            m_inRange = 0;
            continue;
        }
        const kafka::RecordView view = m_records.recordAtRow(range.first + m_inRange);
        kafka::Record record = view.toRecord();
        if (!m_decodedValues) {
            m_chunk += m_format == Format::Csv ? kafka::toCsvLine(record) : kafka::toJsonLine(record);
        } else {
            const kafka::DecodedPart key =
                decodedPart(view.keyDecoded(), m_decoder.get(), false, !m_localSchema && record.hasKey, record.key);
            const kafka::DecodedPart value =
                decodedPart(view.valueDecoded(), m_decoder.get(), m_localSchema, record.hasValue, record.value);
            if (m_format == Format::Csv) {
                if (key.isDecoded())
                    record.key = key.json;
                if (value.isDecoded())
                    record.value = value.json;
                m_chunk += kafka::toCsvLine(record);
            } else {
                m_chunk += kafka::toJsonLineDecoded(record, key, value);
            }
        }
        ++m_inRange;
        ++m_written;
        if (m_chunk.size() >= ChunkBytes && !writeChunk())
            return fail(m_file->errorString());
    }
    if (!writeChunk())
        return fail(m_file->errorString());
    emit progress(m_written, m_records.size());
    if (m_range < ranges.size()) {
        // Queued, so that cancel() gets its turn.
        QMetaObject::invokeMethod(this, &ExportWorker::writeSlice, Qt::QueuedConnection);
        return;
    }
    // commit() flushes what is buffered and renames; a full disk shows here.
    if (!m_file->commit())
        return fail(m_file->errorString());
    m_file.reset();
    emit written(m_written);
}

void ExportWorker::cancel()
{
    if (!m_file)
        return;
    m_file.reset(); // uncommitted: the temporary file goes
    emit cancelled();
}

void ExportWorker::fail(const QString &error)
{
    m_file.reset();
    emit failed(error);
}
