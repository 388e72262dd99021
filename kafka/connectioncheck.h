#pragma once

#include "clientconfig.h"

#include <QList>
#include <QString>

#include <chrono>

namespace kafka {

// What "Test connection" (the dialog, `kafkadesk profiles test`) found, step
// by step, in words a user can act on: the name resolved, the TCP
// connection, the TLS handshake (the peer certificate's subject, issuer and
// expiry), SASL authentication (as whom), and the cluster's brokers.
struct ConnectionReport {
    struct Step {
        QString name;   // "DNS", "TCP", "TLS", "SASL", "Cluster"
        bool ok = false;
        QString detail; // what was found, or what failed and what to check
    };
    QList<Step> steps; // in the order they were tried; a failed step is the last
    bool ok = false;   // every step passed: the cluster answered, authenticated
    // Whom the cluster accepted: the SASL user (or OIDC client id), or the
    // client certificate's subject on SSL; empty when unknown or anonymous.
    QString authenticatedAs;
    int brokerCount = -1; // -1: unknown

    // One line per step ("TLS: ok, ..." / "SASL: FAILED, ..."), for the
    // command line and the dialog.
    QString text() const;
};

// Tries `config` step by step and says what happened, within `timeout`.
// Blocks the calling thread for up to that long: run it on the network pool.
ConnectionReport checkConnection(const ClientConfig &config,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace kafka
