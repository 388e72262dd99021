#pragma once

#include "recordsnapshot.h"

#include "kafka/schemadecoder.h"

#include <QObject>
#include <QSaveFile>

#include <memory>

// Writes a snapshot of consumed messages to a file, as JSON lines or as CSV
// (kafka/recordformat.h), on a thread of its own (a WorkerThread): an export
// of a million messages takes seconds, and the window never waits for it.
// It writes a slice at a time, yielding to its event loop between slices so
// that cancel() gets in. The file is written under a temporary name
// (QSaveFile) and takes its own name only once complete: a cancelled or
// failed export leaves no file, and an older file of that name stays as it
// was. Destroying the worker before it finished is a cancel.
class ExportWorker : public QObject {
    Q_OBJECT
public:
    enum class Format { JsonLines, Csv };
    static constexpr int SliceMs = 20;
    // Lines are gathered into writes of about this size.
    static constexpr qsizetype ChunkBytes = 256 * 1024;

    ExportWorker(RecordSnapshot records, const QString &path, Format format);
    ~ExportWorker() override;

    // CSV when the path ends in .csv, else JSON lines.
    static Format formatFor(const QString &path);

    // Exports decoded values (before start()): what the consumer decoded
    // with a schema, and with `decoder` (may be null) what it had not. JSON
    // lines keep the bytes and add the decoded JSON beside them, as
    // `kafkadesk consume --format json` with a schema does
    // (kafka::toJsonLineDecoded); CSV writes the decoded JSON in place of
    // the key's and value's bytes. A message that does not decode is written
    // as it is (in JSON lines with its "value_decode_error").
    void setDecodedValues(std::shared_ptr<kafka::SchemaDecoder> decoder, bool localSchema);

public slots:
    // Emits progress() as it goes, then exactly one of written(),
    // cancelled() or failed().
    void start();
    void cancel();

signals:
    void progress(qint64 written, qint64 total);
    void written(qint64 count);
    void cancelled();
    // `error` in words (QSaveFile's: "No space left on device", ...).
    void failed(const QString &error);

private:
    void writeSlice();
    // Writes m_chunk whole; false (m_file's errorString()) when it could not.
    bool writeChunk();
    void fail(const QString &error);

    RecordSnapshot m_records;
    Format m_format;
    std::unique_ptr<QSaveFile> m_file; // null when not writing
    qsizetype m_range = 0;  // the range of m_records.rows() being written
    qint64 m_inRange = 0;   // rows of it written so far
    qint64 m_written = 0;
    QByteArray m_chunk; // lines not written yet
    bool m_decodedValues = false;
    std::shared_ptr<kafka::SchemaDecoder> m_decoder;
    bool m_localSchema = false;
};
