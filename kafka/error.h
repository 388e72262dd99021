#pragma once

#include <librdkafka/rdkafka.h>

#include <QString>

#include <optional>
#include <utility>

namespace kafka {

// An error as it crosses layers: librdkafka's code (or NO_ERROR for errors of
// our own, such as bad input) and a sentence a user can act on.
// A default-constructed Error means "no error", so `if (auto err = f())` reads
// naturally at call sites.
struct Error {
    rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString message;

    static Error fromKafka(rd_kafka_resp_err_t code, const QString &context)
    {
        return {code, context + QStringLiteral(": ") + QString::fromUtf8(rd_kafka_err2str(code))};
    }
    static Error invalid(const QString &message) { return {RD_KAFKA_RESP_ERR__INVALID_ARG, message}; }

    explicit operator bool() const { return code != RD_KAFKA_RESP_ERR_NO_ERROR || !message.isEmpty(); }
};

// A value or the Error that prevented it.
template <typename T>
class Result {
public:
    // QFuture needs a default; it never reaches a caller as a success.
    Result() : m_error(Error::invalid(QStringLiteral("No result."))) {}
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace kafka
