#include "faultsdialog.h"

#include "appearance.h"
#include "whenready.h"

#include "kafka/connection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTime>
#include <QVBoxLayout>

#include <chrono>

namespace {

using ApiKey = kafka::Sandbox::ApiKey;

// The requests a broker can be told to fail, with what fails when they do.
struct RequestChoice {
    ApiKey key;
    const char *what;
};
constexpr RequestChoice Requests[] = {
    {ApiKey::Produce, "producing"},
    {ApiKey::Fetch, "consuming"},
    {ApiKey::ListOffsets, "watermarks and offset lookups"},
    {ApiKey::OffsetCommit, "committing a group's offsets"},
    {ApiKey::OffsetFetch, "reading a group's offsets"},
    {ApiKey::FindCoordinator, "finding a group's coordinator"},
    {ApiKey::JoinGroup, "joining a group"},
    {ApiKey::Heartbeat, "a group member's heartbeats"},
};

// Errors worth seeing a client meet: retried ones and final ones.
constexpr rd_kafka_resp_err_t Errors[] = {
    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
    RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
    RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
    RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
    RD_KAFKA_RESP_ERR__TRANSPORT,
};

QString errorChoiceText(rd_kafka_resp_err_t error)
{
    if (error == RD_KAFKA_RESP_ERR__TRANSPORT)
        return FaultsDialog::tr("disconnect (the broker drops the connection)");
    return QStringLiteral("%1 — %2").arg(QString::fromUtf8(rd_kafka_err2name(error)),
                                        QString::fromUtf8(rd_kafka_err2str(error)));
}

QString describeMoves(const QList<kafka::Sandbox::LeaderMove> &moves)
{
    if (moves.isEmpty())
        return FaultsDialog::tr("No leader moved.");
    QStringList parts;
    for (const auto &move : moves)
        parts.append(QStringLiteral("%1[%2] %3→%4").arg(move.topic).arg(move.partition).arg(move.from).arg(move.to));
    return FaultsDialog::tr("Leaders moved: %1.").arg(parts.join(QStringLiteral(", ")));
}

// The result of a fault: what to say, and whether it failed.
struct Outcome {
    QString text;
    bool failed = false;
};

} // namespace

FaultsDialog::FaultsDialog(std::function<kafka::Connection *()> connection, QWidget *parent)
    : QDialog(parent),
      m_connection(std::move(connection)),
      m_note(new QLabel(this)),
      m_controls(new QWidget(this)),
      m_brokers(new QGridLayout),
      m_elect(new QCheckBox(tr("&Move leaders as a real cluster would (off a broker that goes down, back when it "
                               "returns)"),
                            this)),
      m_leaderTopic(new QComboBox(this)),
      m_leaderPartition(new QSpinBox(this)),
      m_leaderBroker(new QComboBox(this)),
      m_moveLeader(new QPushButton(tr("Move &leader"), this)),
      m_failBroker(new QComboBox(this)),
      m_failRequest(new QComboBox(this)),
      m_failCount(new QSpinBox(this)),
      m_failError(new QComboBox(this)),
      m_fail(new QPushButton(tr("&Fail the next requests"), this)),
      m_logView(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Faults — Kafka Desk"));
    m_note->setObjectName(QStringLiteral("faultsNote"));
    m_note->setWordWrap(true);
    m_elect->setObjectName(QStringLiteral("electLeaders"));
    m_elect->setChecked(true);
    m_moveLeader->setObjectName(QStringLiteral("moveLeaderButton"));
    m_fail->setObjectName(QStringLiteral("failButton"));
    m_leaderTopic->setObjectName(QStringLiteral("leaderTopic"));
    m_leaderPartition->setObjectName(QStringLiteral("leaderPartition"));
    m_leaderBroker->setObjectName(QStringLiteral("leaderBroker"));
    m_failBroker->setObjectName(QStringLiteral("failBroker"));
    m_failRequest->setObjectName(QStringLiteral("failRequest"));
    m_failCount->setObjectName(QStringLiteral("failCount"));
    m_failError->setObjectName(QStringLiteral("failError"));
    m_logView->setObjectName(QStringLiteral("faultsLog"));
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(200); // bounded: the latest 200 lines
    m_logView->setMinimumHeight(90);

    auto *brokersBox = new QGroupBox(tr("Brokers"), m_controls);
    auto *brokersLayout = new QVBoxLayout(brokersBox);
    brokersLayout->addLayout(m_brokers);
    brokersLayout->addWidget(m_elect);

    auto *leaderBox = new QGroupBox(tr("Move a partition's leader"), m_controls);
    auto *leaderLayout = new QHBoxLayout(leaderBox);
    m_leaderTopic->setMinimumContentsLength(16);
    m_leaderTopic->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    leaderLayout->addWidget(new QLabel(tr("Topic"), leaderBox));
    leaderLayout->addWidget(m_leaderTopic, 1);
    leaderLayout->addWidget(new QLabel(tr("partition"), leaderBox));
    leaderLayout->addWidget(m_leaderPartition);
    leaderLayout->addWidget(new QLabel(tr("to broker"), leaderBox));
    leaderLayout->addWidget(m_leaderBroker);
    leaderLayout->addWidget(m_moveLeader);

    auto *failBox = new QGroupBox(tr("Fail requests"), m_controls);
    auto *failLayout = new QFormLayout(failBox);
    for (const RequestChoice &choice : Requests)
        m_failRequest->addItem(QStringLiteral("%1 (%2)").arg(kafka::Sandbox::apiKeyName(choice.key),
                                                            tr(choice.what)),
                               int(choice.key));
    for (const rd_kafka_resp_err_t error : Errors)
        m_failError->addItem(errorChoiceText(error), int(error));
    m_failCount->setRange(1, kafka::Sandbox::MaxFailures);
    m_failCount->setValue(5);
    auto *failRow = new QHBoxLayout;
    failRow->addWidget(new QLabel(tr("Broker"), failBox));
    failRow->addWidget(m_failBroker);
    failRow->addWidget(new QLabel(tr("fails the next"), failBox));
    failRow->addWidget(m_failCount);
    failRow->addWidget(m_failRequest, 1);
    failLayout->addRow(failRow);
    failLayout->addRow(tr("with"), m_failError);
    failLayout->addRow(m_fail);

    auto *controlsLayout = new QVBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(brokersBox);
    controlsLayout->addWidget(leaderBox);
    controlsLayout->addWidget(failBox);

    // Enter must not inject a fault: no fault button is a default one.
    for (QPushButton *button : {m_moveLeader, m_fail})
        button->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_controls);
    layout->addWidget(new QLabel(tr("What was done:"), this));
    layout->addWidget(m_logView, 1);
    layout->addWidget(buttons);

    connect(m_leaderTopic, &QComboBox::currentTextChanged, this, &FaultsDialog::updateControls);
    connect(m_moveLeader, &QPushButton::clicked, this, [this] {
        moveLeader(m_leaderTopic->currentText(), m_leaderPartition->value(), m_leaderBroker->currentData().toInt());
    });
    connect(m_fail, &QPushButton::clicked, this, [this] {
        failRequests(m_failBroker->currentData().toInt(), ApiKey(m_failRequest->currentData().toInt()),
                     m_failCount->value(), rd_kafka_resp_err_t(m_failError->currentData().toInt()));
    });
    updateAvailability();
    resize(720, 560);
}

kafka::Sandbox *FaultsDialog::sandbox() const
{
    kafka::Connection *connection = m_connection();
    return connection ? connection->sandbox() : nullptr;
}

bool FaultsDialog::canInject() const
{
    return sandbox() != nullptr;
}

QString FaultsDialog::unavailableReason() const
{
    if (!m_connection())
        return tr("Not connected.");
    if (!sandbox())
        return tr("Faults can be injected into the sandbox only: a real cluster offers no switch for them. On a real "
                  "cluster, stop or pause a broker yourself (for the test cluster: scripts/kafka-cluster.sh kill N, "
                  "pause N); the replication grid shows the effect within one refresh.");
    return {};
}

void FaultsDialog::updateAvailability()
{
    const QString reason = unavailableReason();
    if (reason.isEmpty())
        m_note->setText(tr("The sandbox is librdkafka's mock cluster: each fault below happens at once, and the "
                           "replication grid, the partitions table and running consumers show it within one "
                           "refresh. %1")
                            .arg(sandbox()->replicaNote()));
    else
        m_note->setText(reason);
    rebuildBrokers();
    updateControls();
}

void FaultsDialog::setMetadata(const kafka::ClusterMetadata &metadata)
{
    m_metadata = metadata;
    const QString topic = m_leaderTopic->currentText();
    const QSignalBlocker block(m_leaderTopic);
    m_leaderTopic->clear();
    for (const kafka::TopicInfo &t : metadata.topics)
        m_leaderTopic->addItem(t.name);
    if (!topic.isEmpty())
        m_leaderTopic->setCurrentText(topic);
    updateControls();
}

void FaultsDialog::setElectLeaders(bool elect)
{
    m_elect->setChecked(elect);
}

bool FaultsDialog::electLeaders() const
{
    return m_elect->isChecked();
}

void FaultsDialog::rebuildBrokers()
{
    const kafka::Sandbox *box = sandbox();
    const int count = box ? box->brokerCount() : 0;
    if (count == m_brokerRows)
        return;
    while (QLayoutItem *item = m_brokers->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_leaderBroker->clear();
    m_failBroker->clear();
    m_brokerRows = count;
    for (int id = 1; id <= count; ++id) {
        auto *state = new QLabel(m_controls);
        state->setObjectName(QStringLiteral("brokerState%1").arg(id));
        auto *toggle = new QPushButton(m_controls);
        toggle->setObjectName(QStringLiteral("brokerDown%1").arg(id));
        auto *latency = new QSpinBox(m_controls);
        latency->setObjectName(QStringLiteral("latency%1").arg(id));
        latency->setRange(0, kafka::Sandbox::MaxRttMs);
        latency->setSingleStep(100);
        latency->setSuffix(tr(" ms"));
        toggle->setAutoDefault(false);
        auto *setLatencyButton = new QPushButton(tr("Set latency"), m_controls);
        setLatencyButton->setAutoDefault(false);
        setLatencyButton->setObjectName(QStringLiteral("setLatency%1").arg(id));
        m_brokers->addWidget(state, id - 1, 0);
        m_brokers->addWidget(toggle, id - 1, 1);
        m_brokers->addWidget(new QLabel(tr("added latency"), m_controls), id - 1, 2);
        m_brokers->addWidget(latency, id - 1, 3);
        m_brokers->addWidget(setLatencyButton, id - 1, 4);
        connect(toggle, &QPushButton::clicked, this, [this, id] {
            if (const kafka::Sandbox *box = sandbox())
                setBrokerDown(id, !box->isBrokerDown(id));
        });
        connect(setLatencyButton, &QPushButton::clicked, this, [this, id, latency] { setLatency(id, latency->value()); });
        m_leaderBroker->addItem(QString::number(id), id);
        m_failBroker->addItem(QString::number(id), id);
    }
    m_brokers->setColumnStretch(0, 1);
}

void FaultsDialog::updateControls()
{
    const kafka::Sandbox *box = sandbox();
    m_controls->setEnabled(box && !m_busy);
    for (int id = 1; box && id <= m_brokerRows; ++id) {
        const bool down = box->isBrokerDown(id);
        const int rtt = box->brokerRtt(id);
        auto *state = m_controls->findChild<QLabel *>(QStringLiteral("brokerState%1").arg(id));
        auto *toggle = m_controls->findChild<QPushButton *>(QStringLiteral("brokerDown%1").arg(id));
        QString text = down ? tr("Broker %1: <b style='color:%2'>DOWN</b>").arg(id).arg(appearance::errorText(palette()).name())
                            : tr("Broker %1: up").arg(id);
        if (rtt > 0)
            text += tr(", %1 ms slower").arg(rtt);
        state->setText(text);
        toggle->setText(down ? tr("Bring up") : tr("Take down"));
    }
    const kafka::TopicInfo *topic = m_metadata.topic(m_leaderTopic->currentText());
    m_leaderPartition->setRange(0, topic ? std::max<int>(0, int(topic->partitions.size()) - 1) : 0);
    m_moveLeader->setEnabled(topic != nullptr && !topic->partitions.isEmpty());
}

void FaultsDialog::say(const QString &line)
{
    m_log.append(line);
    if (m_log.size() > 200)
        m_log.removeFirst();
    m_logView->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

template <typename Action>
void FaultsDialog::run(const QString &what, Action action)
{
    kafka::Connection *connection = m_connection();
    kafka::Sandbox *box = sandbox();
    if (!box) {
        say(tr("%1: not done. %2").arg(what, unavailableReason()));
        emit faultApplied(m_log.last());
        return;
    }
    if (m_busy) {
        say(tr("%1: not done, the previous fault is still being applied.").arg(what));
        emit faultApplied(m_log.last());
        return;
    }
    m_busy = true;
    updateControls();
    // The sandbox lives as long as the request runs (Connection::runOnClient
    // holds the connection's state until then).
    whenReady(this, connection->runOnClient([box, action](const kafka::ClusterClient &client) {
                  return action(*box, client);
              }),
              [this](const Outcome &outcome) {
                  m_busy = false;
                  say(outcome.text);
                  updateControls();
                  emit faultApplied(outcome.text);
                  emit clusterChanged();
              });
}

void FaultsDialog::setBrokerDown(int brokerId, bool down)
{
    const bool elect = electLeaders();
    run(down ? tr("Take broker %1 down").arg(brokerId) : tr("Bring broker %1 up").arg(brokerId),
        [brokerId, down, elect](kafka::Sandbox &box, const kafka::ClusterClient &client) -> Outcome {
            if (auto err = box.setBrokerDown(brokerId, down))
                return {err.message, true};
            QString text = down ? tr("Broker %1 is down.").arg(brokerId) : tr("Broker %1 is back up.").arg(brokerId);
            if (!elect)
                return {text + (down ? tr(" Its leaderships stay with it (the mock moves none).") : QString())};
            // Fresh metadata, not the window's: leaders may have moved since.
            const auto metadata = client.fetchMetadata(std::chrono::seconds(5));
            if (!metadata.ok())
                return {text + tr(" No leader moved: %1").arg(metadata.error().message), true};
            const auto moves = down ? box.planLeaderElection(metadata.value().topics)
                                    : box.planLeadersBack(metadata.value().topics);
            if (auto err = box.moveLeaders(moves))
                return {text + tr(" Moving leaders failed: %1").arg(err.message), true};
            return {text + QLatin1Char(' ') + describeMoves(moves)};
        });
}

void FaultsDialog::setLatency(int brokerId, int rttMs)
{
    run(tr("Latency of broker %1").arg(brokerId),
        [brokerId, rttMs](kafka::Sandbox &box, const kafka::ClusterClient &) -> Outcome {
            if (auto err = box.setBrokerRtt(brokerId, rttMs))
                return {err.message, true};
            return {rttMs == 0 ? tr("Broker %1 answers without added latency.").arg(brokerId)
                               : tr("Broker %1 answers every request %2 ms later.").arg(brokerId).arg(rttMs)};
        });
}

void FaultsDialog::moveLeader(const QString &topic, int partition, int brokerId)
{
    run(tr("Move the leader of %1[%2]").arg(topic).arg(partition),
        [topic, partition, brokerId](kafka::Sandbox &box, const kafka::ClusterClient &client) -> Outcome {
            // The mock would create a topic it does not know: only known ones.
            const auto info = client.fetchMetadata(std::chrono::seconds(5));
            if (!info.ok())
                return {tr("The leader of %1[%2] was not moved: %3").arg(topic).arg(partition).arg(info.error().message),
                        true};
            const kafka::TopicInfo *t = info.value().topic(topic);
            if (!t || partition < 0 || partition >= t->partitions.size())
                return {tr("The leader of %1[%2] was not moved: no such partition.").arg(topic).arg(partition), true};
            const int from = t->partitions[partition].leader;
            if (auto err = box.moveLeaders({{topic, partition, from, brokerId}}))
                return {err.message, true};
            return {tr("The leader of %1[%2] moved from broker %3 to broker %4.")
                        .arg(topic)
                        .arg(partition)
                        .arg(from)
                        .arg(brokerId)};
        });
}

void FaultsDialog::failRequests(int brokerId, kafka::Sandbox::ApiKey request, int count, rd_kafka_resp_err_t error)
{
    const QString name = kafka::Sandbox::apiKeyName(request);
    run(tr("Fail %1 requests on broker %2").arg(name).arg(brokerId),
        [brokerId, request, count, error, name](kafka::Sandbox &box, const kafka::ClusterClient &) -> Outcome {
            if (auto err = box.failNextRequests(brokerId, request, count, error))
                return {err.message, true};
            return {tr("Broker %1 fails its next %2 %3 requests with %4.")
                        .arg(brokerId)
                        .arg(count)
                        .arg(name, QString::fromUtf8(rd_kafka_err2name(error)))};
        });
}
