#include "copytotopic.h"

#include "kafka/deliverytally.h"
#include "kafka/networkpool.h"
#include "kafka/producer.h"
#include "kafka/topicspec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace {

// As `kafkadesk produce`: a script-like run should hear within 30 s, not
// librdkafka's 5 minutes, that messages cannot be delivered.
const kafka::Property MessageTimeout{QStringLiteral("message.timeout.ms"), QStringLiteral("30000")};
constexpr int PollEvery = 1000;

kafka::ProduceRequest requestFor(const kafka::RecordView &r, const CopyToTopicSpec &spec)
{
    kafka::ProduceRequest request;
    request.topic = spec.topic;
    if (r.hasKey())
        request.key = r.key().toByteArray();
    request.tombstone = !r.hasValue();
    if (r.hasValue())
        request.value = r.value().toByteArray();
    for (int h = 0; h < r.headerCount(); ++h)
        request.headers.append({r.headerName(h).toByteArray(), r.headerValue(h).toByteArray()});
    if (spec.keepPartitions)
        request.partition = r.partition();
    if (spec.keepTimestamps && r.timestampMs() > 0)
        request.timestampMs = r.timestampMs();
    return request;
}

CopyToTopicResult copyNow(kafka::ClientConfig config, const RecordSnapshot &messages, const CopyToTopicSpec &spec)
{
    CopyToTopicResult result;
    config.properties.prepend(MessageTimeout); // the user's own setting, later in the list, wins
    auto producer = kafka::Producer::create(config);
    if (!producer.ok()) {
        result.failed = messages.size();
        result.reasons.append(producer.error().message);
        return result;
    }
    kafka::Producer &out = *producer.value();
    kafka::DeliveryTally tally;
    for (const RecordSnapshot::RowRange &range : messages.rows()) {
        for (qint64 row = range.first; row < range.first + range.count; ++row) {
            ++tally.sent;
            if (auto err = out.produce(requestFor(messages.recordAtRow(row), spec)))
                tally.fail(err.message);
            if (tally.sent % PollEvery == 0)
                tally.add(out.poll());
        }
    }
    // Every accepted message gets its report within message.timeout.ms.
    while (out.inFlight() > 0)
        tally.add(out.flush(std::chrono::milliseconds(200)));
    tally.add(out.poll());
    result.delivered = tally.delivered;
    result.failed = tally.failed;
    for (auto it = tally.failureReasons.cbegin(); it != tally.failureReasons.cend(); ++it)
        result.reasons.append(QStringLiteral("%1 × %2").arg(QLocale().toString(it.value()), it.key()));
    for (const QString &error : out.takeClientErrors())
        result.reasons.append(error);
    return result;
}

} // namespace

QString CopyToTopicResult::summary() const
{
    QString text = QObject::tr("%1 delivered, %2 failed").arg(QLocale().toString(delivered), QLocale().toString(failed));
    if (!reasons.isEmpty())
        text += QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
    return text;
}

QFuture<CopyToTopicResult> copyToTopic(const kafka::ClientConfig &config, RecordSnapshot messages,
                                       const CopyToTopicSpec &spec)
{
    return kafka::runOnNetworkPool(
        [config, messages = std::move(messages), spec] { return copyNow(config, messages, spec); });
}

CopyToTopicDialog::CopyToTopicDialog(qint64 messages, const QStringList &topics, QWidget *parent)
    : QDialog(parent),
      m_topic(new QComboBox(this)),
      m_keepPartitions(new QCheckBox(tr("Keep each message's &partition"), this)),
      m_keepTimestamps(new QCheckBox(tr("Keep each message's &timestamp"), this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Copy to Topic"));
    m_topic->setEditable(true);
    m_topic->addItems(topics);
    m_topic->setCurrentText(QString());
    m_topic->setMinimumContentsLength(30);
    m_keepPartitions->setToolTip(tr("The target needs at least as many partitions."));
    auto *layout = new QFormLayout(this);
    auto *intro = new QLabel(tr("Produces the %n selected message(s) to a topic exactly as they are: keys, values "
                                "(tombstones too) and headers, byte for byte.",
                                nullptr, int(std::min<qint64>(messages, INT_MAX))),
                             this);
    intro->setWordWrap(true);
    layout->addRow(intro);
    layout->addRow(tr("To &topic:"), m_topic);
    layout->addRow(m_keepPartitions);
    layout->addRow(m_keepTimestamps);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight)"));
    layout->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Copy"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addRow(buttons);
}

CopyToTopicSpec CopyToTopicDialog::spec() const
{
    return {m_topic->currentText().trimmed(), m_keepPartitions->isChecked(), m_keepTimestamps->isChecked()};
}

void CopyToTopicDialog::accept()
{
    if (auto err = kafka::TopicSpec{spec().topic, 1, 1}.validate())
        return m_error->setText(err.message);
    QDialog::accept();
}
