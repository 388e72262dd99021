#pragma once

#include <QByteArray>
#include <QString>

namespace kafka {

// The lines of a file descriptor (the produce command's input, a bulk
// run's file), read with read(2) so that a caught signal interrupts a
// blocked read instead of being resumed behind the program's back, and
// bounded: a line longer than maxLineBytes is skipped to its end, never held
// whole in memory. The buffer never holds more than
// maxLineBytes + ChunkBytes, whatever the input's size.
class LineReader {
public:
    static constexpr qsizetype ChunkBytes = 64 * 1024;

    enum class Status {
        Line,        // *line holds the next line, without its '\n'
        End,         // no more input
        Interrupted, // a signal arrived while waiting for input; call again to go on
        TooLong,     // the line was longer than maxLineBytes and was skipped
        Failed,      // read(2) failed: errorText()
    };

    LineReader(int fd, qsizetype maxLineBytes);

    Status next(QByteArray *line);
    QString errorText() const { return m_error; }
    // The most the buffer has held, in bytes (for the bound's test).
    qsizetype peakBufferedBytes() const { return m_peakBuffered; }

private:
    // Reads more input into m_buffer; Line when some arrived.
    Status fill();

    int m_fd;
    qsizetype m_maxLineBytes;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer known to hold no '\n'
    bool m_skipping = false; // inside an overlong line, dropping bytes up to its '\n'
    bool m_atEnd = false;
    qsizetype m_peakBuffered = 0;
    QString m_error;
};

} // namespace kafka
