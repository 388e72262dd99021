#include "linereader.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace kafka {

LineReader::LineReader(int fd, qsizetype maxLineBytes) : m_fd(fd), m_maxLineBytes(maxLineBytes) {}

LineReader::Status LineReader::next(QByteArray *line)
{
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', m_scanned);
        if (newline >= 0) {
            const bool skipped = m_skipping;
            m_skipping = false;
            *line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            m_scanned = 0;
            if (skipped || line->size() > m_maxLineBytes) {
                line->clear();
                return Status::TooLong;
            }
            return Status::Line;
        }
        m_scanned = m_buffer.size();
        if (m_buffer.size() > m_maxLineBytes) {
            // Too long already: keep nothing of it until its end.
            m_skipping = true;
            m_buffer.clear();
            m_scanned = 0;
        }
        if (m_atEnd) {
            // The last line may lack its '\n'.
            if (m_skipping) {
                m_skipping = false;
                return Status::TooLong;
            }
            if (m_buffer.isEmpty())
                return Status::End;
            *line = std::exchange(m_buffer, {});
            m_scanned = 0;
            return Status::Line;
        }
        if (const Status status = fill(); status != Status::Line)
            return status;
    }
}

LineReader::Status LineReader::fill()
{
    const qsizetype had = m_buffer.size();
    m_buffer.resize(had + ChunkBytes);
    m_peakBuffered = std::max(m_peakBuffered, m_buffer.size());
    const ssize_t got = ::read(m_fd, m_buffer.data() + had, size_t(ChunkBytes));
    m_buffer.resize(had + std::max<qsizetype>(got, 0));
    if (got > 0)
        return Status::Line;
    if (got == 0) {
        m_atEnd = true;
        return Status::Line;
    }
    if (errno == EINTR)
        return Status::Interrupted;
    m_error = QString::fromLocal8Bit(std::strerror(errno));
    return Status::Failed;
}

} // namespace kafka
