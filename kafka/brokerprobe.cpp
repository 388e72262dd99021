#include "brokerprobe.h"

#include <QDate>
#include <QDateTime>
#include <QFileInfo>
#include <QStringList>
#include <QTime>
#include <QtEndian>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

namespace kafka {

namespace {

using Clock = BrokerProbe::Clock;

int millisecondsLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return int(std::clamp<long long>(left, 0, 60 * 60 * 1000));
}

QString secondsText(Clock::time_point deadline, Clock::time_point started)
{
    return QString::number(std::chrono::duration<double>(deadline - started).count(), 'f', 1);
}

// OpenSSL's queued errors as one line, oldest first; the queue is emptied.
QString openSslErrors()
{
    QStringList reasons;
    char text[256];
    while (const unsigned long code = ERR_get_error()) {
        const char *reason = ERR_reason_error_string(code);
        if (reason) {
            reasons.append(QString::fromUtf8(reason));
        } else {
            ERR_error_string_n(code, text, sizeof text);
            reasons.append(QString::fromUtf8(text));
        }
    }
    reasons.removeDuplicates();
    return reasons.join(QLatin1String("; "));
}

QString nameText(const X509_NAME *name)
{
    BIO *bio = BIO_new(BIO_s_mem());
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QString text = QString::fromUtf8(data, qsizetype(size));
    BIO_free(bio);
    return text.isEmpty() ? QStringLiteral("(empty)") : text;
}

QString timeText(const ASN1_TIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return QStringLiteral("an unknown date");
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC)
        .toString(Qt::ISODate);
}

// The names a certificate is for (subjectAltName): "IP:127.0.0.1, DNS:kafka".
QString alternativeNames(X509 *certificate)
{
    QStringList out;
    auto *names = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS) {
            out.append(QStringLiteral("DNS:") + QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(name->d.dNSName)),
                                                                 ASN1_STRING_length(name->d.dNSName)));
        } else if (name->type == GEN_IPADD) {
            const int length = ASN1_STRING_length(name->d.iPAddress);
            char text[INET6_ADDRSTRLEN] = "";
            if (length == 4 || length == 16)
                inet_ntop(length == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(name->d.iPAddress), text, sizeof text);
            out.append(QStringLiteral("IP:") + QString::fromLatin1(text));
        }
    }
    GENERAL_NAMES_free(names);
    return out.join(QLatin1String(", "));
}

// The first problem OpenSSL found with the broker's certificate chain. The
// handshake goes on regardless, so that the certificate can be shown; the
// verdict is given after it.
struct VerifyRecord {
    int error = X509_V_OK;
    int depth = -1;
    QString subject; // of the certificate at fault
};

int recordVerifyError(int preverified, X509_STORE_CTX *store)
{
    if (!preverified) {
        auto *ssl = static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
        auto *record = static_cast<VerifyRecord *>(SSL_get_app_data(ssl));
        if (record && record->error == X509_V_OK) {
            record->error = X509_STORE_CTX_get_error(store);
            record->depth = X509_STORE_CTX_get_error_depth(store);
            if (X509 *certificate = X509_STORE_CTX_get_current_cert(store))
                record->subject = nameText(X509_get_subject_name(certificate));
        }
    }
    return 1;
}

// The TLS alert a reason names, "certificate expired" from "sslv3 alert
// certificate expired"; empty if it names none.
QString alertIn(const QString &reason)
{
    const qsizetype at = reason.indexOf(QLatin1String("alert "));
    if (at < 0)
        return {};
    QString alert = reason.mid(at + 6);
    const qsizetype end = alert.indexOf(u';');
    return end < 0 ? alert : alert.left(end);
}

// OpenSSL writes to its socket with write(), which raises SIGPIPE when the
// broker has hung up, and that ends a process that does not ignore it.
// While one lives, SIGPIPE is blocked on this thread, and one raised
// meanwhile is taken off before it is unblocked: the write fails with EPIPE.
class SigpipeBlock {
public:
    SigpipeBlock()
    {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_previous);
    }
    ~SigpipeBlock()
    {
        sigset_t pending;
        sigpending(&pending);
        if (!m_wasPending && sigismember(&pending, SIGPIPE) == 1) {
            const timespec now{};
            sigtimedwait(&m_pipe, nullptr, &now);
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    SigpipeBlock(const SigpipeBlock &) = delete;
    SigpipeBlock &operator=(const SigpipeBlock &) = delete;

private:
    sigset_t m_pipe;
    sigset_t m_previous;
    bool m_wasPending = false;
};

} // namespace

struct BrokerProbe::Tls {
    SSL_CTX *context = nullptr;
    SSL *ssl = nullptr;
    QByteArray keyPassword; // read by OpenSSL's default password callback
    VerifyRecord record;
    ~Tls()
    {
        if (ssl)
            SSL_free(ssl);
        if (context)
            SSL_CTX_free(context);
    }
};

BrokerProbe::BrokerProbe(QString host, int port) : m_host(std::move(host)), m_port(port) {}

BrokerProbe::~BrokerProbe()
{
    m_tls.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

BrokerProbe::Outcome BrokerProbe::resolve(Clock::time_point deadline)
{
    // getaddrinfo cannot be given a deadline: it runs on a thread of its
    // own, which is left to finish alone if the deadline passes first.
    struct Lookup {
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        int error = 0;
        std::vector<sockaddr_storage> addresses;
        std::vector<socklen_t> lengths;
    };
    const auto lookup = std::make_shared<Lookup>();
    const auto started = Clock::now();
    std::thread([lookup, host = m_host.toStdString(), port = std::to_string(m_port)] {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *found = nullptr;
        const int error = getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
        const std::lock_guard lock(lookup->mutex);
        lookup->error = error;
        for (const addrinfo *a = found; !error && a; a = a->ai_next) {
            sockaddr_storage address{};
            std::memcpy(&address, a->ai_addr, std::min<size_t>(a->ai_addrlen, sizeof address));
            lookup->addresses.push_back(address);
            lookup->lengths.push_back(a->ai_addrlen);
        }
        if (found)
            freeaddrinfo(found);
        lookup->done = true;
        lookup->finished.notify_all();
    }).detach();

    std::unique_lock lock(lookup->mutex);
    if (!lookup->finished.wait_until(lock, deadline, [&] { return lookup->done; }))
        return {false, QStringLiteral("the name %1 did not resolve within %2 s: check the host name and this "
                                      "computer's DNS settings.")
                           .arg(m_host, secondsText(deadline, started))};
    if (lookup->error)
        return {false, QStringLiteral("the name %1 does not resolve (%2): check the host name for typos, and that "
                                      "this computer can reach its DNS server.")
                           .arg(m_host, QString::fromUtf8(gai_strerror(lookup->error)))};
    m_addresses = lookup->addresses;
    m_addressLengths = lookup->lengths;
    QStringList texts;
    for (size_t i = 0; i < m_addresses.size(); ++i) {
        char text[NI_MAXHOST] = "";
        getnameinfo(reinterpret_cast<const sockaddr *>(&m_addresses[i]), m_addressLengths[i], text, sizeof text,
                    nullptr, 0, NI_NUMERICHOST);
        texts.append(QString::fromLatin1(text));
    }
    texts.removeDuplicates();
    return {true, QStringLiteral("%1 is %2").arg(m_host, texts.join(QLatin1String(", ")))};
}

BrokerProbe::Outcome BrokerProbe::connect(Clock::time_point deadline)
{
    const auto started = Clock::now();
    QStringList failures;
    for (size_t i = 0; i < m_addresses.size(); ++i) {
        const auto *address = reinterpret_cast<const sockaddr *>(&m_addresses[i]);
        char text[NI_MAXHOST] = "";
        getnameinfo(address, m_addressLengths[i], text, sizeof text, nullptr, 0, NI_NUMERICHOST);
        const QString where = QString::fromLatin1(text);
        const int fd = ::socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            failures.append(QStringLiteral("%1: %2").arg(where, QString::fromUtf8(std::strerror(errno))));
            continue;
        }
        int error = 0;
        if (::connect(fd, address, m_addressLengths[i]) != 0) {
            error = errno;
            if (error == EINPROGRESS) {
                pollfd p{fd, POLLOUT, 0};
                const int ready = ::poll(&p, 1, millisecondsLeft(deadline));
                socklen_t length = sizeof error;
                if (ready <= 0)
                    error = ETIMEDOUT;
                else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
                    error = errno;
            }
        }
        if (error == 0) {
            m_fd = fd;
            m_address = where;
            return {true, QStringLiteral("connected to %1 port %2").arg(where).arg(m_port)};
        }
        ::close(fd);
        QString why;
        switch (error) {
        case ECONNREFUSED:
            why = QStringLiteral("connection refused: nothing listens on that port");
            break;
        case ETIMEDOUT:
            why = QStringLiteral("no answer within %1 s: the host may be down, or a firewall drops the connection")
                      .arg(secondsText(Clock::now(), started));
            break;
        case EHOSTUNREACH:
        case ENETUNREACH:
            why = QStringLiteral("no route to that host from this computer");
            break;
        default:
            why = QString::fromUtf8(std::strerror(error));
        }
        failures.append(QStringLiteral("%1: %2").arg(where, why));
        if (Clock::now() >= deadline)
            break;
    }
    return {false, QStringLiteral("cannot connect to %1 port %2 (%3). Check the port, that the broker runs, and that "
                                  "no firewall is in the way.")
                       .arg(m_host)
                       .arg(m_port)
                       .arg(failures.join(QLatin1String("; ")))};
}

BrokerProbe::Outcome BrokerProbe::failTls(const QString &what)
{
    m_tls.reset();
    return {false, what};
}

BrokerProbe::Outcome BrokerProbe::startTls(const TlsOptions &options, Clock::time_point deadline)
{
    ERR_clear_error();
    m_tls = std::make_unique<Tls>();
    m_tls->context = SSL_CTX_new(TLS_client_method());
    if (!m_tls->context)
        return failTls(QStringLiteral("OpenSSL cannot start TLS: ") + openSslErrors());
    SSL_CTX *context = m_tls->context;

    // The certificate authorities the broker's certificate must chain to.
    QString trusted = QStringLiteral("the system's certificate authorities");
    if (options.caLocation.isEmpty() || options.caLocation == QLatin1String("probe")) {
        SSL_CTX_set_default_verify_paths(context);
    } else {
        const bool folder = QFileInfo(options.caLocation).isDir();
        const QByteArray path = options.caLocation.toLocal8Bit();
        if (SSL_CTX_load_verify_locations(context, folder ? nullptr : path.constData(), folder ? path.constData() : nullptr) != 1)
            return failTls(QStringLiteral("cannot read the CA file %1 (%2): it must hold the CA's certificate in PEM form "
                                          "(-----BEGIN CERTIFICATE-----).")
                               .arg(options.caLocation, openSslErrors()));
        trusted = QStringLiteral("the CA file %1").arg(options.caLocation);
    }
    if (!options.caPem.isEmpty()) {
        BIO *bio = BIO_new_mem_buf(options.caPem.constData(), int(options.caPem.size()));
        int added = 0;
        while (X509 *certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
            added += X509_STORE_add_cert(SSL_CTX_get_cert_store(context), certificate) == 1 ? 1 : 0;
            X509_free(certificate);
        }
        BIO_free(bio);
        ERR_clear_error(); // the end of the text reads as an error
        if (added == 0)
            return failTls(QStringLiteral("ssl.ca.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----)."));
        trusted = options.caLocation.isEmpty() ? QStringLiteral("the certificates of ssl.ca.pem")
                                               : trusted + QStringLiteral(" and ssl.ca.pem");
    }

    // The client's own certificate, for listeners that authenticate clients by it.
    X509 *own = nullptr;
    const QString ownName = options.certificateFile.isEmpty() ? QStringLiteral("in ssl.certificate.pem") : options.certificateFile;
    if (!options.certificateFile.isEmpty() || !options.certificatePem.isEmpty()) {
        m_tls->keyPassword = options.keyPassword.toUtf8();
        if (!options.certificatePem.isEmpty()) {
            BIO *bio = BIO_new_mem_buf(options.certificatePem.constData(), int(options.certificatePem.size()));
            X509 *certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
            bool used = certificate && SSL_CTX_use_certificate(context, certificate) == 1;
            X509_free(certificate);
            while (X509 *link = used ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr) {
                SSL_CTX_add1_chain_cert(context, link);
                X509_free(link);
            }
            BIO_free(bio);
            ERR_clear_error();
            BIO *keyBio = BIO_new_mem_buf(options.keyPem.constData(), int(options.keyPem.size()));
            EVP_PKEY *key = used ? PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, m_tls->keyPassword.data()) : nullptr;
            used = key && SSL_CTX_use_PrivateKey(context, key) == 1;
            EVP_PKEY_free(key);
            BIO_free(keyBio);
            if (!used)
                return failTls(QStringLiteral("cannot read the client certificate and key of ssl.certificate.pem and "
                                              "ssl.key.pem (%1): check them, and the key password if it is encrypted.")
                                   .arg(openSslErrors()));
        } else if (options.pkcs12) {
            BIO *bio = BIO_new_file(options.certificateFile.toLocal8Bit().constData(), "rb");
            PKCS12 *keystore = bio ? d2i_PKCS12_bio(bio, nullptr) : nullptr;
            EVP_PKEY *key = nullptr;
            X509 *certificate = nullptr;
            STACK_OF(X509) *chain = nullptr;
            const bool parsed = keystore && PKCS12_parse(keystore, m_tls->keyPassword.constData(), &key, &certificate, &chain) == 1;
            const bool used = parsed && certificate && key && SSL_CTX_use_certificate(context, certificate) == 1
                && SSL_CTX_use_PrivateKey(context, key) == 1;
            for (int i = 0; used && chain && i < sk_X509_num(chain); ++i)
                SSL_CTX_add1_chain_cert(context, sk_X509_value(chain, i));
            EVP_PKEY_free(key);
            X509_free(certificate);
            sk_X509_pop_free(chain, X509_free);
            PKCS12_free(keystore);
            BIO_free(bio);
            if (!used)
                return failTls(QStringLiteral("cannot open the PKCS#12 keystore %1 (%2): check the file and its password.")
                                   .arg(options.certificateFile, openSslErrors()));
        } else {
            SSL_CTX_set_default_passwd_cb_userdata(context, m_tls->keyPassword.data());
            if (SSL_CTX_use_certificate_chain_file(context, options.certificateFile.toLocal8Bit().constData()) != 1)
                return failTls(QStringLiteral("cannot read the client certificate %1 (%2): it must be a PEM certificate.")
                                   .arg(options.certificateFile, openSslErrors()));
            if (SSL_CTX_use_PrivateKey_file(context, options.keyFile.toLocal8Bit().constData(), SSL_FILETYPE_PEM) != 1)
                return failTls(QStringLiteral("cannot read the client key %1 (%2): check the file, and the key password if "
                                              "it is encrypted.")
                                   .arg(options.keyFile, openSslErrors()));
        }
        if (SSL_CTX_check_private_key(context) != 1)
            return failTls(QStringLiteral("the client key does not belong to the client certificate %1: choose the key "
                                          "made with it.")
                               .arg(ownName));
        own = SSL_CTX_get0_certificate(context);
        m_clientCertificate = own != nullptr;
        m_clientSubject = own ? nameText(X509_get_subject_name(own)) : QString();
        // A broker refuses an expired certificate with a bare alert; say it here, with the date.
        if (own && X509_cmp_current_time(X509_get0_notAfter(own)) < 0)
            return failTls(QStringLiteral("your client certificate %1 (%2) expired on %3: brokers refuse it. Get a new "
                                          "certificate from whoever issues them for this cluster.")
                               .arg(ownName, m_clientSubject, timeText(X509_get0_notAfter(own))));
        if (own && X509_cmp_current_time(X509_get0_notBefore(own)) > 0)
            return failTls(QStringLiteral("your client certificate %1 (%2) is not valid before %3: check this computer's "
                                          "clock.")
                               .arg(ownName, m_clientSubject, timeText(X509_get0_notBefore(own))));
    }

    m_tls->ssl = SSL_new(context);
    SSL *ssl = m_tls->ssl;
    if (!ssl || SSL_set_fd(ssl, m_fd) != 1)
        return failTls(QStringLiteral("OpenSSL cannot start TLS: ") + openSslErrors());
    SSL_set_app_data(ssl, &m_tls->record);
    SSL_set_verify(ssl, SSL_VERIFY_PEER, recordVerifyError);
    const QByteArray host = m_host.toUtf8();
    unsigned char binary[16];
    const bool isAddress = inet_pton(AF_INET, host.constData(), binary) == 1 || inet_pton(AF_INET6, host.constData(), binary) == 1;
    // Host names only: an address is no server name (SNI), as librdkafka does it.
    if (!isAddress)
        SSL_set_tlsext_host_name(ssl, host.constData());
    if (options.verifyHostName) {
        if (isAddress)
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.constData());
        else
            X509_VERIFY_PARAM_set1_host(SSL_get0_param(ssl), host.constData(), 0);
    }

    const auto started = Clock::now();
    const SigpipeBlock noSigpipe;
    for (;;) {
        ERR_clear_error();
        const int result = SSL_connect(ssl);
        if (result == 1)
            break;
        const int error = SSL_get_error(ssl, result);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            if (!waitFor(error == SSL_ERROR_WANT_WRITE, deadline))
                return failTls(QStringLiteral("the TLS handshake got no answer within %1 s: is this a TLS listener?")
                                   .arg(secondsText(Clock::now(), started)));
            continue;
        }
        const QString reason = openSslErrors();
        if (reason.contains(QLatin1String("wrong version number")) || reason.contains(QLatin1String("packet length too long"))
            || reason.contains(QLatin1String("record layer failure")))
            return failTls(QStringLiteral("the broker does not speak TLS on this port (%1): choose security protocol "
                                          "PLAINTEXT or SASL_PLAINTEXT, or the cluster's TLS port.")
                               .arg(reason));
        const QString alert = alertIn(reason);
        if (!alert.isEmpty() && !m_clientCertificate
            && (alert.contains(QLatin1String("certificate")) || alert.contains(QLatin1String("handshake failure"))))
            return failTls(QStringLiteral("the broker refused the handshake (TLS alert \"%1\"): this listener requires a "
                                          "client certificate; set your certificate and key.")
                               .arg(alert));
        if (!alert.isEmpty() && m_clientCertificate)
            return failTls(QStringLiteral("the broker refused your client certificate %1 (TLS alert \"%2\"): it must be "
                                          "issued by a CA the broker trusts, valid now, and meant for client "
                                          "authentication.")
                               .arg(m_clientSubject, alert));
        if (reason.isEmpty() || reason.contains(QLatin1String("unexpected eof")))
            return failTls(QStringLiteral("the broker closed the connection during the TLS handshake: is this a TLS "
                                          "listener, and does it take this TLS version?"));
        return failTls(QStringLiteral("the TLS handshake failed: %1.").arg(reason));
    }

    X509 *peer = SSL_get1_peer_certificate(ssl);
    if (!peer)
        return failTls(QStringLiteral("the broker sent no certificate: its TLS setup is not one Kafka clients can verify."));
    const QString subject = nameText(X509_get_subject_name(peer));
    const QString issuer = nameText(X509_get_issuer_name(peer));
    const QString expiry = timeText(X509_get0_notAfter(peer));
    const QString names = alternativeNames(peer);
    X509_free(peer);
    const QString certificate = QStringLiteral("subject %1, issued by %2, valid until %3%4")
                                    .arg(subject, issuer, expiry,
                                         names.isEmpty() ? QString() : QStringLiteral(", for %1").arg(names));
    const VerifyRecord &record = m_tls->record;
    if (options.verifyCertificate && record.error != X509_V_OK) {
        const QString at = record.depth > 0 ? QStringLiteral(" (in its chain: %1)").arg(record.subject) : QString();
        switch (record.error) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_SIGNATURE_FAILURE:
            return failTls(QStringLiteral("unknown certificate authority: the broker's certificate (%1) is not signed by "
                                          "a CA in %2. Set the CA file to the certificate of the CA that issued the "
                                          "cluster's certificates.")
                               .arg(certificate, trusted));
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return failTls(QStringLiteral("the broker's certificate has expired%1 (%2). Its operators must renew it.")
                               .arg(at, certificate));
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return failTls(QStringLiteral("the broker's certificate is not valid yet%1 (%2). Check this computer's clock.")
                               .arg(at, certificate));
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return failTls(QStringLiteral("host name mismatch: you connect to \"%1\", but the broker's certificate (%2) "
                                          "is for %3 only. Connect with a name or address the certificate lists, or have "
                                          "the certificate reissued for \"%1\".")
                               .arg(m_host, certificate, names.isEmpty() ? subject : names));
        default:
            return failTls(QStringLiteral("the broker's certificate is not trusted (%1)%2: %3.")
                               .arg(QString::fromUtf8(X509_verify_cert_error_string(record.error)), at, certificate));
        }
    }
    QString verified = options.verifyCertificate
        ? QStringLiteral("verified against %1%2").arg(trusted, options.verifyHostName ? QStringLiteral(" and for host %1").arg(m_host) : QStringLiteral(", host name NOT checked"))
        : QStringLiteral("NOT verified (verification is turned off)");
    return {true, QStringLiteral("%1; the broker's certificate: %2; %3%4")
                      .arg(QString::fromLatin1(SSL_get_version(ssl)), certificate, verified,
                           m_clientCertificate ? QStringLiteral("; presented client certificate %1").arg(m_clientSubject)
                                               : QString())};
}

bool BrokerProbe::waitFor(bool write, Clock::time_point deadline) const
{
    pollfd p{m_fd, short(write ? POLLOUT : POLLIN), 0};
    for (;;) {
        const int left = millisecondsLeft(deadline);
        if (left <= 0)
            return false;
        const int ready = ::poll(&p, 1, left);
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return false;
    }
}

QString BrokerProbe::tlsIoError(int result, const char *what)
{
    const int error = SSL_get_error(m_tls->ssl, result);
    const QString reason = openSslErrors();
    if (error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && reason.isEmpty()) || reason.contains(QLatin1String("unexpected eof")))
        return QStringLiteral("closed");
    return QStringLiteral("%1 failed: %2").arg(QLatin1String(what), reason.isEmpty() ? QStringLiteral("TLS error %1").arg(error) : reason);
}

QString BrokerProbe::sendAll(const char *data, size_t size, Clock::time_point deadline)
{
    const SigpipeBlock noSigpipe;
    size_t sent = 0;
    while (sent < size) {
        if (m_tls) {
            ERR_clear_error();
            const int n = SSL_write(m_tls->ssl, data + sent, int(size - sent));
            if (n > 0) {
                sent += size_t(n);
                continue;
            }
            const int error = SSL_get_error(m_tls->ssl, n);
            if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
                if (!waitFor(error == SSL_ERROR_WANT_WRITE, deadline))
                    return QStringLiteral("timeout");
                continue;
            }
            return tlsIoError(n, "sending");
        }
        const ssize_t n = ::send(m_fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += size_t(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            if (!waitFor(true, deadline))
                return QStringLiteral("timeout");
        } else {
            return errno == EPIPE || errno == ECONNRESET ? QStringLiteral("closed") : QString::fromUtf8(std::strerror(errno));
        }
    }
    return {};
}

QString BrokerProbe::receiveAll(char *data, size_t size, Clock::time_point deadline)
{
    const SigpipeBlock noSigpipe; // SSL_read may write (an alert, a key update)
    size_t received = 0;
    while (received < size) {
        if (m_tls) {
            ERR_clear_error();
            const int n = SSL_read(m_tls->ssl, data + received, int(size - received));
            if (n > 0) {
                received += size_t(n);
                continue;
            }
            const int error = SSL_get_error(m_tls->ssl, n);
            if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
                if (!waitFor(error == SSL_ERROR_WANT_WRITE, deadline))
                    return QStringLiteral("timeout");
                continue;
            }
            return tlsIoError(n, "receiving");
        }
        const ssize_t n = ::recv(m_fd, data + received, size - received, 0);
        if (n > 0) {
            received += size_t(n);
        } else if (n == 0) {
            return QStringLiteral("closed");
        } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
            if (!waitFor(false, deadline))
                return QStringLiteral("timeout");
        } else {
            return errno == ECONNRESET ? QStringLiteral("closed") : QString::fromUtf8(std::strerror(errno));
        }
    }
    return {};
}

BrokerProbe::Outcome BrokerProbe::askApiVersions(Clock::time_point deadline)
{
    // ApiVersions v0 (key 18): every Kafka since 0.10 answers it, before any
    // authentication, and a broker that no longer takes v0 still answers
    // in v0 with its versions.
    static const QByteArray clientId("kafkadesk-check");
    constexpr qint32 CorrelationId = 0x4b44;
    QByteArray request(4 + 2 + 2 + 4 + 2, '\0');
    qToBigEndian<qint32>(qint32(request.size() - 4 + clientId.size()), request.data());
    qToBigEndian<qint16>(18, request.data() + 4);
    qToBigEndian<qint16>(0, request.data() + 6);
    qToBigEndian<qint32>(CorrelationId, request.data() + 8);
    qToBigEndian<qint16>(qint16(clientId.size()), request.data() + 12);
    request += clientId;

    const auto started = Clock::now();
    const auto fail = [&](const QString &why) -> Outcome {
        if (why == QLatin1String("timeout"))
            return {false, QStringLiteral("connected, but nothing answered a Kafka request within %1 s: is this the "
                                          "port of a Kafka broker's listener?")
                               .arg(secondsText(Clock::now(), started))};
        const QString alert = alertIn(why);
        if (m_tls && !alert.isEmpty()) {
            if (m_clientCertificate)
                return {false,
                        QStringLiteral("the broker refused your client certificate %1 (TLS alert \"%2\"): it must "
                                       "be issued by a CA the broker trusts, valid now, and meant for client "
                                       "authentication.")
                            .arg(m_clientSubject, alert),
                        true};
            return {false,
                    QStringLiteral("the broker ended the connection with TLS alert \"%1\": this listener requires "
                                   "a client certificate; set your certificate and key.")
                        .arg(alert),
                    true};
        }
        if (why == QLatin1String("closed"))
            return {false, m_tls ? QStringLiteral("the broker closed the connection without answering a Kafka request.")
                                 : QStringLiteral("the broker closed the connection without answering a Kafka request: "
                                                  "this listener probably expects TLS; choose security protocol SSL or "
                                                  "SASL_SSL, or the cluster's plaintext port.")};
        if (why == QLatin1String("TLS"))
            return {false, QStringLiteral("the broker answered in TLS, not in Kafka's plain protocol: this listener "
                                          "expects TLS; choose security protocol SSL or SASL_SSL, or the cluster's "
                                          "plaintext port.")};
        return {false, QStringLiteral("no answer to a Kafka request: %1.").arg(why)};
    };
    if (QString error = sendAll(request.constData(), size_t(request.size()), deadline); !error.isEmpty())
        return fail(error);
    char header[4];
    if (QString error = receiveAll(header, sizeof header, deadline); !error.isEmpty())
        return fail(error);
    // A TLS record (an alert, 0x15, or a handshake, 0x16, of TLS 1.x): a
    // TLS listener's answer to what it could not read as TLS.
    if (!m_tls && (header[0] == 0x15 || header[0] == 0x16) && header[1] == 0x03)
        return fail(QStringLiteral("TLS"));
    const qint32 size = qFromBigEndian<qint32>(header);
    if (size < 10 || size > 1024 * 1024)
        return {false, QStringLiteral("something answered that is not a Kafka broker (a reply of %1 bytes): check the "
                                      "port, and whether the listener expects TLS.")
                           .arg(size)};
    QByteArray reply(size, '\0');
    if (QString error = receiveAll(reply.data(), size_t(size), deadline); !error.isEmpty())
        return fail(error);
    if (qFromBigEndian<qint32>(reply.constData()) != CorrelationId)
        return {false, QStringLiteral("something answered that is not a Kafka broker: check the port.")};
    const qint16 errorCode = qFromBigEndian<qint16>(reply.constData() + 4);
    const qint32 count = qFromBigEndian<qint32>(reply.constData() + 6);
    for (qint32 i = 0; i >= 0 && i < count && 10 + (i + 1) * 6 <= size; ++i) {
        const char *entry = reply.constData() + 10 + i * 6;
        // Kafka 4.0 dropped Fetch v0-3 (KIP-896); 3.9 takes v0. (It still
        // lists Produce from v0, though it refuses it.)
        if (qFromBigEndian<qint16>(entry) == 1) // Fetch
            m_kafka4 = qFromBigEndian<qint16>(entry + 2) >= 4;
    }
    Q_UNUSED(errorCode) // UNSUPPORTED_VERSION still lists the versions
    return {true, QStringLiteral("a Kafka broker answers (%1)")
                      .arg(m_kafka4 ? QStringLiteral("Kafka 4.0 or newer") : QStringLiteral("Kafka 3.x or older"))};
}

} // namespace kafka
