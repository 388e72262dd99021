#pragma once

#include <QString>

#include <chrono>
#include <memory>
#include <vector>

#include <sys/socket.h>

namespace kafka {

// One broker reached step by step below librdkafka, so that "Test
// connection" can say which step failed and why: the name resolved, the TCP
// connection, the TLS handshake (the peer certificate, and why it is not
// trusted), and whether a Kafka broker answers there (an ApiVersions
// request, which every listener answers before authentication). librdkafka
// only logs one line for all of these. Used from one thread; every step
// returns by the deadline.
class BrokerProbe {
public:
    using Clock = std::chrono::steady_clock;

    // What a step found: ok, and in words what was found or what failed
    // and what to check.
    struct Outcome {
        bool ok = false;
        QString detail;
        // The TLS session failed after its handshake: the broker refused the
        // client certificate with an alert (TLS 1.3 says so only then).
        bool tlsRefused = false;
    };

    // TLS as the client is configured: librdkafka's ssl.* properties.
    struct TlsOptions {
        QString caLocation;            // file or folder; empty: the system's CAs
        bool verifyCertificate = true; // enable.ssl.certificate.verification
        bool verifyHostName = true;    // ssl.endpoint.identification.algorithm=https
        QString certificateFile;       // PEM, or PKCS#12 (keystore)
        QString keyFile;               // PEM key; empty with PKCS#12
        QString keyPassword;
        bool pkcs12 = false;
        // Inline PEM (ssl.ca.pem, ssl.certificate.pem, ssl.key.pem), besides or instead of files.
        QByteArray caPem;
        QByteArray certificatePem;
        QByteArray keyPem;
    };

    BrokerProbe(QString host, int port);
    ~BrokerProbe();
    BrokerProbe(const BrokerProbe &) = delete;
    BrokerProbe &operator=(const BrokerProbe &) = delete;

    Outcome resolve(Clock::time_point deadline);
    // Tries every address the name resolved to, in order.
    Outcome connect(Clock::time_point deadline);
    Outcome startTls(const TlsOptions &options, Clock::time_point deadline);
    // Sends ApiVersions (over TLS once started) and reads the answer.
    Outcome askApiVersions(Clock::time_point deadline);

    // Known after askApiVersions(): the broker no longer takes Fetch
    // versions below 4, which Kafka 4.0 removed.
    bool isKafka4OrNewer() const { return m_kafka4; }
    // The client certificate's subject, once startTls() loaded one.
    QString clientCertificateSubject() const { return m_clientSubject; }

private:
    Outcome failTls(const QString &what);
    // Waits until the socket is readable (or writable) or the deadline passes.
    bool waitFor(bool write, Clock::time_point deadline) const;
    // Writes or reads all of `size` bytes (through TLS once started).
    QString sendAll(const char *data, size_t size, Clock::time_point deadline);
    QString receiveAll(char *data, size_t size, Clock::time_point deadline);
    QString tlsIoError(int result, const char *what);

    QString m_host;
    int m_port;
    std::vector<sockaddr_storage> m_addresses;
    std::vector<socklen_t> m_addressLengths;
    int m_fd = -1;
    QString m_address; // the address connected to, as text
    struct Tls;
    std::unique_ptr<Tls> m_tls;
    bool m_clientCertificate = false;
    QString m_clientSubject;
    bool m_kafka4 = false;
};

} // namespace kafka
