#include "connection.h"

#include "networkpool.h"

#include <algorithm>

namespace kafka {

TopicSpec Connection::defaultSandboxTopic(int brokers)
{
    return {QStringLiteral("demo"), 6, std::min(3, brokers)};
}

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionSpec &spec)
{
    if (auto err = spec.validate())
        return err;
    auto state = std::make_shared<State>();
    ClientConfig config{spec.bootstrapServers.trimmed(), spec.properties};
    if (spec.isSandbox()) {
        auto sandbox = Sandbox::start(spec.sandboxBrokers);
        if (!sandbox.ok())
            return sandbox.error();
        state->sandbox = std::move(sandbox).value();
        if (auto err = state->sandbox->createTopic(defaultSandboxTopic(spec.sandboxBrokers)))
            return err;
        config.bootstrapServers = state->sandbox->bootstrapServers();
    }
    auto client = ClusterClient::create(config);
    if (!client.ok())
        return client.error();
    state->client = std::move(client).value();
    return std::unique_ptr<Connection>(new Connection(spec, config.bootstrapServers, std::move(state)));
}

Connection::Connection(ConnectionSpec spec, QString bootstrapServers, std::shared_ptr<State> state)
    : m_spec(std::move(spec)), m_bootstrapServers(std::move(bootstrapServers)), m_state(std::move(state))
{
}

Connection::~Connection()
{
    // rd_kafka_destroy and the mock's shutdown join threads: not on the GUI thread.
    runOnNetworkPool([state = std::move(m_state)]() mutable { state.reset(); });
}

QFuture<Result<ClusterMetadata>> Connection::fetchMetadata() const
{
    return runOnNetworkPool([state = m_state] { return state->client->fetchMetadata(); });
}

QFuture<Result<TopicInfo>> Connection::fetchTopic(const QString &name) const
{
    return runOnNetworkPool([state = m_state, name] { return state->client->fetchTopic(name); });
}

QFuture<Error> Connection::createTopic(const TopicSpec &spec) const
{
    return runOnNetworkPool([state = m_state, spec] {
        return state->sandbox ? state->sandbox->createTopic(spec) : state->client->createTopic(spec);
    });
}

QString Connection::sandboxGroupsNote()
{
    return QStringLiteral("The sandbox does not answer ListGroups or DescribeGroups, so this lists the groups that "
                          "this app's consumers are in: their committed offsets and lag from the sandbox, their "
                          "members as this app sees them, their state unknown.");
}

QFuture<Result<QList<GroupInfo>>> Connection::describeGroups(const QMap<QString, QStringList> &knownGroups) const
{
    if (m_state->sandbox)
        return runOnNetworkPool([state = m_state, knownGroups] {
            return state->client->describeGroupOffsets(knownGroups);
        });
    return runOnNetworkPool([state = m_state] { return state->client->describeGroups(); });
}

} // namespace kafka
