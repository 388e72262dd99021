#pragma once

#include "clusterclient.h"
#include "clustermetadata.h"
#include "connectionspec.h"
#include "error.h"
#include "sandbox.h"
#include "networkpool.h"
#include "topicspec.h"

#include <QFuture>
#include <QMap>
#include <QStringList>

#include <memory>
#include <type_traits>

namespace kafka {

// An open connection: the sandbox (when the spec asks for one) and the
// cluster client, with the blocking calls run on worker threads and handed
// back as futures, so the GUI thread never waits on the network.
class Connection {
public:
    // Local work only (starting the sandbox, creating the client): no network.
    // A fresh sandbox gets the default topic so there is something to browse.
    static Result<std::unique_ptr<Connection>> open(const ConnectionSpec &spec);
    // Returns at once: the client and sandbox are released on a worker thread,
    // after any request still running on them.
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    const ConnectionSpec &spec() const { return m_spec; }
    QString bootstrapServers() const { return m_bootstrapServers; }
    // What a client of this cluster (a producer, a consumer) is built from.
    ClientConfig clientConfig() const { return {m_bootstrapServers, m_spec.properties}; }
    // The sandbox behind this connection, or nullptr for a real cluster.
    Sandbox *sandbox() const { return m_state->sandbox.get(); }

    QFuture<Result<ClusterMetadata>> fetchMetadata() const;
    QFuture<Result<TopicInfo>> fetchTopic(const QString &name) const;
    // On the sandbox through the mock API, elsewhere through the Admin API.
    QFuture<Error> createTopic(const TopicSpec &spec) const;
    // Every consumer group on the cluster. The sandbox answers no ListGroups
    // or DescribeGroups, so there it is the groups named (with the topics
    // they consume), with their committed offsets and lag only.
    QFuture<Result<QList<GroupInfo>>> describeGroups(const QMap<QString, QStringList> &knownGroups) const;
    static QString sandboxGroupsNote();

    // Runs request(const ClusterClient &) on the network pool: the Admin
    // requests of kafka/*admin.h reach the cluster this way, without a
    // method each here. (The sandbox answers none of them; its mock cluster
    // refuses them, and the request's error says so.)
    template <typename Request>
    auto runOnClient(Request request) const -> QFuture<std::invoke_result_t<Request, const ClusterClient &>>
    {
        return runOnNetworkPool([state = m_state, request = std::move(request)] { return request(*state->client); });
    }

    static TopicSpec defaultSandboxTopic(int brokers);

private:
    // Shared with running requests, so it outlives the Connection if needed.
    // Members are destroyed bottom-up: the client before the sandbox it uses.
    struct State {
        std::unique_ptr<Sandbox> sandbox;
        std::unique_ptr<ClusterClient> client;
    };
    Connection(ConnectionSpec spec, QString bootstrapServers, std::shared_ptr<State> state);

    ConnectionSpec m_spec;
    QString m_bootstrapServers;
    std::shared_ptr<State> m_state;
};

} // namespace kafka
