#pragma once

#include "clientconfig.h"
#include "error.h"

#include <QString>
#include <QStringList>

namespace kafka {

// How a client proves who it is and whom it talks to, as a user fills it in
// (forms, command-line options) rather than as librdkafka properties:
// security protocol, SASL mechanism and credentials, TLS files. Secrets
// (password, client secret, key password) are members like the rest; where
// they may be written is for the caller to decide (withoutSecrets()).
struct SecuritySettings {
    enum class Protocol { Plaintext, Ssl, SaslPlaintext, SaslSsl };
    enum class Mechanism { Plain, ScramSha256, ScramSha512, OAuthBearer };

    Protocol protocol = Protocol::Plaintext;
    Mechanism mechanism = Mechanism::Plain;
    QString username; // PLAIN, SCRAM; with OAUTHBEARER and no token endpoint, the unsecured token's principal
    QString password; // secret

    // OAUTHBEARER through OIDC client credentials (empty endpoint: an
    // unsecured JWT for `username`, which only test brokers accept).
    QString tokenEndpoint;
    QString clientId;
    QString clientSecret; // secret
    QString scope;

    QString caFile;          // PEM; empty: the system's certificate authorities
    QString certificateFile; // the client's certificate: PEM, or a PKCS#12 keystore (.p12, .pfx)
    QString keyFile;         // its PEM key; empty with a PKCS#12 keystore
    QString keyPassword;     // secret: the PEM key's or the keystore's password
    bool verifyServer = true; // the server's certificate and host name

    friend bool operator==(const SecuritySettings &, const SecuritySettings &) = default;

    bool usesTls() const { return protocol == Protocol::Ssl || protocol == Protocol::SaslSsl; }
    bool usesSasl() const { return protocol == Protocol::SaslPlaintext || protocol == Protocol::SaslSsl; }
    bool usesOidc() const { return usesSasl() && mechanism == Mechanism::OAuthBearer && !tokenEndpoint.isEmpty(); }
    bool isPkcs12() const;

    // Kafka's names: "SASL_SSL", "SCRAM-SHA-512".
    static QString protocolName(Protocol protocol);
    static QString mechanismName(Mechanism mechanism);
    static Result<Protocol> parseProtocol(const QString &name);   // case-insensitive
    static Result<Mechanism> parseMechanism(const QString &name); // case-insensitive

    // What is missing or unreadable, in words naming the field: a SASL user
    // without a password, a key without a certificate, a CA file that does
    // not exist. Nothing is checked on the network.
    Error validate() const;
    // Said to the user, never refused: verification turned off.
    QStringList warnings() const;

    // The librdkafka properties (security.protocol, sasl.*, ssl.*); only
    // those that differ from librdkafka's defaults, plus security.protocol.
    Properties toProperties() const;
    // The reverse, for a librdkafka or kcat properties file: the security
    // properties it understands become settings; every other property is
    // appended to `rest` (when given) in its order.
    static Result<SecuritySettings> fromProperties(const Properties &properties, Properties *rest = nullptr);

    SecuritySettings withoutSecrets() const;
};

} // namespace kafka
