#include "producerpanel.h"

#include "appearance.h"
#include "deliveriesmodel.h"
#include "producerchart.h"
#include "headersmodel.h"
#include "schemachooser.h"
#include "tableviews.h"
#include "ui_producerpanel.h"

#include "kafka/messagetemplate.h"
#include "kafka/topicspec.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QShortcut>
#include <QTextDocument>

#include <algorithm>
#include <limits>

namespace {

constexpr int ProgressIntervalMs = 250;
constexpr int JsonHintDelayMs = 250;
constexpr int ShownFailureReasons = 3;

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString duration(double seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10 ? 1 : 0));
    const qint64 s = qint64(seconds);
    return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
}

} // namespace

ProducerPanel::ProducerPanel(QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ProducerPanel>()),
      m_deliveries(new DeliveriesModel(this)),
      m_headers(new HeadersModel(this)),
      m_schema(new SchemaChooser(this))
{
    m_ui->setupUi(this);
    // Under the value it encodes: a row of the message form.
    m_ui->messageForm->insertRow(3, tr("Sche&ma:"), m_schema);
    if (auto *label = qobject_cast<QLabel *>(m_ui->messageForm->labelForField(m_schema)))
        label->setBuddy(m_schema);
    m_ui->headersView->setModel(m_headers);
    m_ui->deliveriesView->setModel(m_deliveries);
    setDenseRows(m_ui->deliveriesView);
    setDenseRows(m_ui->headersView);
    setColumnWidthsInDigits(m_ui->deliveriesView,
                            {{DeliveriesModel::TimeColumn, 13}, {DeliveriesModel::TopicColumn, 12},
                             {DeliveriesModel::PartitionColumn, 9}, {DeliveriesModel::OffsetColumn, 11},
                             {DeliveriesModel::KeyColumn, 14}, {DeliveriesModel::LatencyColumn, 12}});
    m_ui->splitter->setStretchFactor(1, 1);
    // The send rate and latency chart (ProducerChart), below the deliveries.
    auto *chart = new ProducerChart(this);
    m_ui->splitter->addWidget(chart);
    connect(this, &ProducerPanel::deliveriesReceived, chart, &ProducerChart::addDeliveries);
    m_ui->splitter->setSizes({330, 220, 220});
    // A key is sent whole: a line edit's default limit (32,767 characters)
    // would cut a longer one, unseen.
    m_ui->keyEdit->setMaxLength(std::numeric_limits<int>::max());
    // Breaking lines between words takes quadratic time on a line without
    // any (minified JSON): pasting 1 MB of it froze the window for 70 s,
    // breaking anywhere takes 0.5 s.
    m_ui->valueEdit->setWordWrapMode(QTextOption::WrapAnywhere);

    m_ui->acksCombo->addItem(tr("all"), QStringLiteral("all"));
    m_ui->acksCombo->addItem(tr("1 (leader)"), QStringLiteral("1"));
    m_ui->acksCombo->addItem(tr("0 (none)"), QStringLiteral("0"));
    for (const char *codec : {"none", "gzip", "snappy", "lz4", "zstd"})
        m_ui->compressionCombo->addItem(QString::fromLatin1(codec), QString::fromLatin1(codec));
    m_ui->valueFormatCombo->addItem(tr("Text"), int(ValueFormat::Text));
    m_ui->valueFormatCombo->addItem(tr("Hex"), int(ValueFormat::Hex));
    m_ui->valueFormatCombo->addItem(tr("Base64"), int(ValueFormat::Base64));
    m_ui->sourceCombo->addItem(tr("the template above"), int(kafka::BulkSpec::Source::Template));
    m_ui->sourceCombo->addItem(tr("a file, one message per line"), int(kafka::BulkSpec::Source::Lines));
    m_ui->sourceCombo->addItem(tr("a file of JSON lines"), int(kafka::BulkSpec::Source::JsonLines));
    m_ui->fileEdit->setToolTip(tr("JSON lines: one object per line, such as "
                                  "{\"key\": \"k1\", \"value\": {\"any\": \"JSON\"}, \"headers\": {\"name\": \"value\"}}, "
                                  "or a file written by Export... (replayed byte for byte). Values that are not "
                                  "strings are sent exactly as written."));

    connect(m_ui->produceButton, &QPushButton::clicked, this, &ProducerPanel::produceMessage);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this, this, &ProducerPanel::produceMessage);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    }
    connect(m_ui->bulkButton, &QPushButton::clicked, this, &ProducerPanel::startBulk);
    connect(m_ui->cancelBulkButton, &QPushButton::clicked, this, &ProducerPanel::cancelBulk);
    connect(m_ui->addHeaderButton, &QToolButton::clicked, this, [this] {
        const QModelIndex added = m_headers->addRow();
        m_ui->headersView->setCurrentIndex(added);
        m_ui->headersView->edit(added);
    });
    connect(m_ui->removeHeaderButton, &QToolButton::clicked, this,
            [this] { m_headers->removeRow(m_ui->headersView->currentIndex().row()); });
    connect(m_ui->browseButton, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Messages to produce"), m_ui->fileEdit->text());
        if (!path.isEmpty())
            m_ui->fileEdit->setText(path);
    });
    connect(m_ui->sourceCombo, &QComboBox::currentIndexChanged, this, &ProducerPanel::updateSourceControls);
    connect(m_ui->acksCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateSettingsControls();
        applySettings();
    });
    connect(m_ui->compressionCombo, &QComboBox::currentIndexChanged, this, &ProducerPanel::applySettings);
    connect(m_ui->idempotenceCheck, &QCheckBox::toggled, this, &ProducerPanel::applySettings);

    m_jsonHintTimer.setSingleShot(true);
    m_jsonHintTimer.setInterval(JsonHintDelayMs);
    connect(&m_jsonHintTimer, &QTimer::timeout, this, &ProducerPanel::updateJsonHint);
    connect(m_ui->valueEdit, &QPlainTextEdit::textChanged, &m_jsonHintTimer, qOverload<>(&QTimer::start));
    connect(m_ui->valueFormatCombo, &QComboBox::currentIndexChanged, this, &ProducerPanel::updateJsonHint);
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &ProducerPanel::updateBulkProgress);

    updateSourceControls();
    updateSettingsControls();
    updateJsonHint();
    updateCounters();
    setBulkControls(false);
}

ProducerPanel::~ProducerPanel() = default;

void ProducerPanel::setConnection(const kafka::ClientConfig &config)
{
    disconnectProducer();
    m_connectionConfig = config;
    m_producer = std::make_unique<ProducerThread>(std::make_unique<kafka::ProducerWorker>(producerConfig()),
                                                  QStringLiteral("producer"), m_reaper);
    connectWorker(m_producer->worker());
    QMetaObject::invokeMethod(m_producer->worker(), &kafka::ProducerWorker::open, Qt::QueuedConnection);
}

void ProducerPanel::disconnectProducer(int flushMs)
{
    if (m_bulk.active)
        onBulkFailed(tr("The connection changed; the bulk run stopped."));
    if (!m_producer)
        return;
    kafka::ProducerWorker *worker = m_producer->worker();
    // Its reports keep counting until every message has ended; nothing
    // comes after retired(), so letting the thread go then loses nothing.
    connect(worker, &kafka::ProducerWorker::retired, this, [this, worker] {
        std::erase_if(m_retired, [worker](const auto &thread) { return thread->worker() == worker; });
    });
    QMetaObject::invokeMethod(worker, [worker, flushMs] { worker->retire(flushMs); }, Qt::QueuedConnection);
    m_retired.push_back(std::move(m_producer));
}

void ProducerPanel::shutDown(bool abandonInFlight)
{
    disconnectProducer(abandonInFlight ? 0 : RetireFlushMs);
    if (!abandonInFlight)
        return;
    // A shorter bound wins: producers already retiring purge now too.
    for (const auto &retired : m_retired) {
        kafka::ProducerWorker *worker = retired->worker();
        QMetaObject::invokeMethod(worker, [worker] { worker->retire(0); }, Qt::QueuedConnection);
    }
}

void ProducerPanel::connectWorker(kafka::ProducerWorker *worker)
{
    connect(worker, &kafka::ProducerWorker::failed, this, [this](const QString &message) { showMessage(message, true); });
    connect(worker, &kafka::ProducerWorker::opened, this, [this] { showMessage({}); });
    connect(worker, &kafka::ProducerWorker::clientError, this, [this, worker](const QString &message) {
        if (m_producer && m_producer->worker() == worker)
            showMessage(message, true);
    });
    connect(worker, &kafka::ProducerWorker::compressionNotApplied, this, [this, worker](const QString &message) {
        if (m_producer && m_producer->worker() == worker)
            showCompressionNotice(message);
    });
    connect(worker, &kafka::ProducerWorker::sent, this, [this](qint64 n) {
        m_tally.sent += n;
        updateCounters();
    });
    connect(worker, &kafka::ProducerWorker::delivered, this, &ProducerPanel::onDelivered);
    // Bulk progress only from the current producer: a retired one's run was cancelled.
    connect(worker, &kafka::ProducerWorker::bulkStarted, this, [this, worker](qint64 total) {
        if (m_producer && m_producer->worker() == worker)
            onBulkStarted(total);
    });
    connect(worker, &kafka::ProducerWorker::bulkFinished, this, [this, worker](qint64 produced, bool cancelled) {
        if (m_producer && m_producer->worker() == worker)
            onBulkFinished(produced, cancelled);
    });
    connect(worker, &kafka::ProducerWorker::bulkFailed, this, [this, worker](const QString &message) {
        if (m_producer && m_producer->worker() == worker)
            onBulkFailed(message);
    });
}

void ProducerPanel::setTopics(const QStringList &topics)
{
    const QString current = m_ui->topicCombo->currentText();
    const QSignalBlocker blocker(m_ui->topicCombo);
    m_ui->topicCombo->clear();
    m_ui->topicCombo->addItems(topics);
    m_ui->topicCombo->setEditText(current);
}

void ProducerPanel::setTopic(const QString &topic)
{
    m_ui->topicCombo->setEditText(topic);
}

QString ProducerPanel::currentTopic() const
{
    return m_ui->topicCombo->currentText().trimmed();
}

kafka::Error ProducerPanel::checkTopic() const
{
    if (currentTopic().isEmpty())
        return kafka::Error::invalid(tr("Choose a topic to produce to."));
    // As the command line does: a name Kafka refuses is said now, not by a
    // delivery failure (or a wait) that each cluster words its own way.
    return kafka::TopicSpec{currentTopic(), 1, 1}.validate();
}

QString ProducerPanel::valueText() const
{
    // Not toPlainText(): it turns no-break spaces into spaces and line
    // separators (U+2028) into line feeds. The raw text keeps every
    // character; only the block breaks (U+2029) are the typed line feeds.
    return m_ui->valueEdit->document()->toRawText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
}

kafka::ClientConfig ProducerPanel::producerConfig() const
{
    kafka::ClientConfig config = m_connectionConfig;
    const auto isSet = [&config](QLatin1String key) {
        return std::any_of(config.properties.cbegin(), config.properties.cend(),
                           [key](const kafka::Property &p) { return p.first == key; });
    };
    if (!isSet(QLatin1String("message.timeout.ms")))
        config.properties.append({QStringLiteral("message.timeout.ms"), QString::number(DefaultMessageTimeoutMs)});
    // The panel's choices win over the connection's properties (applied last).
    config.properties.append({QStringLiteral("acks"), m_ui->acksCombo->currentData().toString()});
    config.properties.append({QStringLiteral("compression.type"), m_ui->compressionCombo->currentData().toString()});
    config.properties.append({QStringLiteral("enable.idempotence"),
                              m_ui->idempotenceCheck->isChecked() ? QStringLiteral("true") : QStringLiteral("false")});
    return config;
}

void ProducerPanel::showCompressionNotice(const QString &message)
{
    // Beside the codec itself, so the form does not claim what is not done.
    m_compressionNotice = message;
    m_ui->compressionCombo->setToolTip(message);
    m_ui->compressionCombo->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: %1").arg(appearance::errorText(palette()).name()));
    if (!message.isEmpty())
        showMessage(message, true);
}

void ProducerPanel::applySettings()
{
    showCompressionNotice({}); // the new settings are judged afresh
    if (m_producer)
        QMetaObject::invokeMethod(m_producer->worker(), "reconfigure", Qt::QueuedConnection,
                                  Q_ARG(kafka::ClientConfig, producerConfig()));
}

void ProducerPanel::updateSettingsControls()
{
    // librdkafka refuses idempotence without acks=all.
    const bool ackAll = m_ui->acksCombo->currentData().toString() == QLatin1String("all");
    const QSignalBlocker blocker(m_ui->idempotenceCheck);
    if (!ackAll)
        m_ui->idempotenceCheck->setChecked(false);
    else if (!m_ui->idempotenceCheck->isEnabled())
        m_ui->idempotenceCheck->setChecked(true);
    m_ui->idempotenceCheck->setEnabled(ackAll);
    m_ui->idempotenceCheck->setToolTip(ackAll ? tr("No duplicates and in-order delivery per partition on retries.")
                                              : tr("Idempotence needs acks=all."));
}

kafka::Result<QByteArray> ProducerPanel::valueBytes() const
{
    const auto format = ValueFormat(m_ui->valueFormatCombo->currentData().toInt());
    if (format == ValueFormat::Text)
        return valueText().toUtf8();
    // Bytes written out: white space (line breaks, spaces between bytes) is layout.
    QString written = valueText();
    written.remove(QRegularExpression(QStringLiteral("\\s")));
    if (format == ValueFormat::Hex) {
        static const QRegularExpression notHex(QStringLiteral("[^0-9A-Fa-f]"));
        if (const auto bad = notHex.match(written); bad.hasMatch())
            return kafka::Error::invalid(tr("The value is not hex: '%1' is not a hex digit (write each byte as two "
                                            "of 0-9 and a-f, such as 0d 0a).")
                                             .arg(bad.captured()));
        if (written.size() % 2 != 0)
            return kafka::Error::invalid(tr("The value is not hex: it has an odd number of digits (%1); each byte is "
                                            "two digits.")
                                             .arg(written.size()));
        return QByteArray::fromHex(written.toLatin1());
    }
    static const QRegularExpression notBase64(QStringLiteral("[^A-Za-z0-9+/=_-]"));
    auto decoded = QByteArray::fromBase64Encoding(written.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (notBase64.match(written).hasMatch() || !decoded)
        return kafka::Error::invalid(tr("The value is not Base64: use A-Z, a-z, 0-9, + and / (or - and _), with = "
                                        "padding at the end only."));
    return *decoded;
}

kafka::Result<kafka::ProduceRequest> ProducerPanel::composedMessage(bool encodeWithSchema) const
{
    auto value = valueBytes();
    if (!value.ok())
        return value.error();
    kafka::ProduceRequest request;
    request.topic = currentTopic();
    if (!m_ui->keyEdit->text().isEmpty())
        request.key = m_ui->keyEdit->text().toUtf8();
    // With a schema chosen, the value is JSON to encode with it.
    auto encoded = encodeWithSchema ? m_schema->encode(value.value()) : value;
    if (!encoded.ok())
        return encoded.error();
    request.value = std::move(encoded).value();
    request.headers = m_headers->headers();
    request.partition = m_ui->partitionSpin->value();
    return request;
}

void ProducerPanel::produceMessage()
{
    if (!m_readOnly.isEmpty())
        return;
    if (!m_producer)
        return showMessage(tr("Connect to a cluster first."), true);
    if (m_bulk.active)
        return showMessage(tr("Wait for the bulk run to end, or cancel it."), true);
    if (auto err = checkTopic())
        return showMessage(err.message, true);
    auto message = composedMessage(true);
    if (!message.ok())
        return showMessage(message.error().message, true);
    const QList<kafka::ProduceRequest> requests{std::move(message).value()};
    QMetaObject::invokeMethod(m_producer->worker(), "produce", Qt::QueuedConnection,
                              Q_ARG(QList<kafka::ProduceRequest>, requests));
    showMessage(tr("Producing to %1…").arg(currentTopic()));
}

void ProducerPanel::startBulk()
{
    if (!m_readOnly.isEmpty())
        return;
    if (!m_producer)
        return showMessage(tr("Connect to a cluster first."), true);
    if (m_bulk.active)
        return;
    if (auto err = checkTopic())
        return showMessage(err.message, true);
    kafka::BulkSpec spec;
    spec.source = kafka::BulkSpec::Source(m_ui->sourceCombo->currentData().toInt());
    auto message = composedMessage();
    if (!message.ok())
        return showMessage(message.error().message, true);
    spec.message = std::move(message).value();
    spec.count = m_ui->countSpin->value();
    spec.filePath = m_ui->fileEdit->text().trimmed();
    spec.jsonUse = {m_ui->keepPartitionsCheck->isChecked(), m_ui->keepTimestampsCheck->isChecked()};
    if (spec.source != kafka::BulkSpec::Source::Template && spec.filePath.isEmpty())
        return showMessage(tr("Choose the file to read messages from."), true);

    m_bulk = {};
    m_bulk.active = m_bulk.generating = true;
    m_bulk.before = m_tally;
    m_bulk.clock.start();
    setBulkControls(true);
    m_ui->bulkStatusLabel->setText(tr("Starting…"));
    showMessage({});
    QMetaObject::invokeMethod(m_producer->worker(), "startBulk", Qt::QueuedConnection, Q_ARG(kafka::BulkSpec, spec));
}

void ProducerPanel::cancelBulk()
{
    if (m_bulk.active && m_producer)
        QMetaObject::invokeMethod(m_producer->worker(), &kafka::ProducerWorker::cancelBulk, Qt::QueuedConnection);
}

void ProducerPanel::onBulkStarted(qint64 total)
{
    m_bulk.total = total;
    // QProgressBar counts in int; 10,000,000 fits. An unknown total (a
    // file, counted as it is read) shows as busy, not as a bar that lies.
    m_ui->bulkProgress->setRange(0, total == kafka::BulkSource::UnknownTotal
                                        ? 0
                                        : int(std::min<qint64>(total, std::numeric_limits<int>::max())));
    m_progressTimer.start();
    updateBulkProgress();
}

void ProducerPanel::onBulkFinished(qint64 produced, bool cancelled)
{
    m_bulk.generating = false;
    m_bulk.produced = produced;
    m_bulk.cancelled = cancelled;
    // Now the total is known: what was produced.
    if (cancelled || m_bulk.total == kafka::BulkSource::UnknownTotal)
        m_ui->bulkProgress->setRange(0, int(std::clamp<qint64>(produced, 1, std::numeric_limits<int>::max())));
    finishBulkIfDone();
}

void ProducerPanel::onBulkFailed(const QString &message)
{
    m_bulk.active = false;
    m_progressTimer.stop();
    setBulkControls(false);
    m_ui->bulkStatusLabel->setText(message);
    showMessage(message, true);
    emit bulkDone();
}

void ProducerPanel::finishBulkIfDone()
{
    if (!m_bulk.active || m_bulk.generating || m_tally.finished() - m_bulk.before.finished() < m_bulk.produced)
        return;
    updateBulkProgress();
    m_bulk.active = false;
    m_progressTimer.stop();
    setBulkControls(false);
    emit bulkDone();
}

void ProducerPanel::updateBulkProgress()
{
    const qint64 delivered = m_tally.delivered - m_bulk.before.delivered;
    const qint64 failed = m_tally.failed - m_bulk.before.failed;
    const qint64 done = delivered + failed;
    const double seconds = std::max(0.001, double(m_bulk.clock.elapsed()) / 1000.0);
    const double rate = double(done) / seconds;
    if (m_ui->bulkProgress->maximum() > 0)
        m_ui->bulkProgress->setValue(int(std::min<qint64>(done, m_ui->bulkProgress->maximum())));
    const QString outcome = tr("%1 delivered, %2 failed").arg(count(delivered), count(failed));
    QString text;
    if (!m_bulk.generating && done >= m_bulk.produced) {
        const QString of = m_bulk.total == kafka::BulkSource::UnknownTotal ? QString()
                                                                            : tr(" of %1").arg(count(m_bulk.total));
        text = m_bulk.cancelled ? tr("Cancelled after %1%2 messages: %3 in %4 (%5 msg/s).")
                                      .arg(count(m_bulk.produced), of, outcome, duration(seconds), count(qint64(rate)))
                                : tr("Done: %1 in %2 (%3 msg/s).").arg(outcome, duration(seconds), count(qint64(rate)));
    } else if (m_bulk.generating && m_bulk.total == kafka::BulkSource::UnknownTotal) {
        // The file is still being read: how many lines it has is not known yet.
        text = tr("%1 of unknown (the file is still being read) · %2 msg/s · %3")
                   .arg(count(done), count(qint64(rate)), outcome);
    } else {
        const qint64 target = m_bulk.generating ? m_bulk.total : m_bulk.produced;
        const QString eta = rate > 0 ? duration(double(target - done) / rate) : tr("unknown");
        text = tr("%1 of %2 · %3 msg/s · ETA %4 · %5")
                   .arg(count(done), count(target), count(qint64(rate)), eta, outcome);
    }
    m_ui->bulkStatusLabel->setText(text);
}

void ProducerPanel::onDelivered(const QList<kafka::Delivery> &deliveries)
{
    m_tally.add(deliveries);
    m_deliveries->append(deliveries);
    if (!m_bulk.active && !deliveries.isEmpty()) {
        const kafka::Delivery &last = deliveries.last();
        if (last.delivered())
            showMessage(tr("Delivered to %1, partition %2, offset %3.")
                            .arg(last.topic)
                            .arg(last.partition)
                            .arg(count(last.offset)));
        else
            showMessage(tr("Not delivered: %1").arg(last.errorText()), true);
    }
    updateCounters();
    finishBulkIfDone();
    emit deliveriesReceived(deliveries);
}

void ProducerPanel::updateCounters()
{
    m_ui->countersLabel->setText(tr("Sent <b>%1</b> · delivered <b>%2</b> · failed <b>%3</b> · in flight <b>%4</b>")
                                     .arg(count(m_tally.sent), count(m_tally.delivered), count(m_tally.failed),
                                          count(m_tally.inFlight())));
    QStringList reasons;
    // The most frequent reasons first.
    QList<std::pair<qint64, QString>> byCount;
    for (auto it = m_tally.failureReasons.cbegin(); it != m_tally.failureReasons.cend(); ++it)
        byCount.append({it.value(), it.key()});
    std::sort(byCount.begin(), byCount.end(), std::greater<>());
    for (qsizetype i = 0; i < std::min<qsizetype>(byCount.size(), ShownFailureReasons); ++i)
        reasons.append(tr("%1 × %2").arg(count(byCount[i].first), byCount[i].second.toHtmlEscaped()));
    if (byCount.size() > ShownFailureReasons)
        reasons.append(tr("and more (%1 reasons in all)").arg(byCount.size()));
    m_ui->failuresLabel->setText(tr("<span style='color:%1'>Failures: %2</span>").arg(appearance::errorText(palette()).name(), reasons.join(QStringLiteral("; "))));
    m_ui->failuresLabel->setVisible(!reasons.isEmpty());
    emit tallyChanged();
}

void ProducerPanel::updateJsonHint()
{
    if (ValueFormat(m_ui->valueFormatCombo->currentData().toInt()) != ValueFormat::Text) {
        // Bytes: whether they read, and how many.
        const auto bytes = valueBytes();
        m_ui->jsonHintLabel->setText(
            bytes.ok() ? tr("<span style='color:%1'>%2 bytes.</span>").arg(appearance::dimText(palette()).name(), count(bytes.value().size()))
                       : tr("<span style='color:%1'>%2</span>").arg(appearance::errorText(palette()).name(), bytes.error().message.toHtmlEscaped()));
        return;
    }
    const QByteArray text = valueText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_ui->jsonHintLabel->clear();
        return;
    }
    // A bulk template such as {"id": {i}} is JSON once its placeholders are filled in.
    const kafka::MessageTemplate asTemplate(text);
    QJsonParseError error;
    QJsonDocument::fromJson(asTemplate.hasPlaceholders() ? asTemplate.expand(0) : text, &error);
    if (error.error == QJsonParseError::NoError)
        m_ui->jsonHintLabel->setText(asTemplate.hasPlaceholders()
                                         ? tr("<span style='color:%1'>Valid JSON once placeholders are filled in.</span>").arg(appearance::successText(palette()).name())
                                         : tr("<span style='color:%1'>Valid JSON.</span>").arg(appearance::successText(palette()).name()));
    else
        m_ui->jsonHintLabel->setText(tr("<span style='color:%1'>Not JSON (%2 at character %3); it is sent as typed.</span>")
                                         .arg(appearance::dimText(palette()).name(), error.errorString().toHtmlEscaped(),
                                              QString::number(error.offset + 1)));
}

void ProducerPanel::updateSourceControls()
{
    const bool fromTemplate =
        kafka::BulkSpec::Source(m_ui->sourceCombo->currentData().toInt()) == kafka::BulkSpec::Source::Template;
    m_ui->countSpin->setVisible(fromTemplate);
    m_ui->placeholderHint->setVisible(fromTemplate); // placeholders fill templates only
    m_ui->fileEdit->setVisible(!fromTemplate);
    m_ui->browseButton->setVisible(!fromTemplate);
    const bool jsonLines =
        kafka::BulkSpec::Source(m_ui->sourceCombo->currentData().toInt()) == kafka::BulkSpec::Source::JsonLines;
    m_ui->keepPartitionsCheck->setVisible(jsonLines);
    m_ui->keepTimestampsCheck->setVisible(jsonLines);
}

void ProducerPanel::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    for (QPushButton *button : {m_ui->produceButton, m_ui->bulkButton}) {
        // The button's own tooltip comes back when sending is allowed again.
        if (!button->property("writableToolTip").isValid())
            button->setProperty("writableToolTip", button->toolTip());
        button->setToolTip(reason.isEmpty() ? button->property("writableToolTip").toString() : reason);
    }
    setBulkControls(m_bulk.active);
}

void ProducerPanel::setBulkControls(bool running)
{
    m_ui->bulkButton->setEnabled(!running && m_readOnly.isEmpty());
    m_ui->produceButton->setEnabled(!running && m_readOnly.isEmpty());
    m_ui->cancelBulkButton->setEnabled(running);
    m_ui->sourceCombo->setEnabled(!running);
    m_ui->countSpin->setEnabled(!running);
    m_ui->fileEdit->setEnabled(!running);
    m_ui->keepPartitionsCheck->setEnabled(!running);
    m_ui->keepTimestampsCheck->setEnabled(!running);
}

void ProducerPanel::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setText(isError ? QStringLiteral("<span style='color:%1'>%2</span>").arg(appearance::errorText(palette()).name(), text.toHtmlEscaped())
                                        : text.toHtmlEscaped());
    m_ui->messageLabel->setToolTip(text);
}

QString ProducerPanel::messageText() const
{
    return m_ui->messageLabel->toolTip();
}

QString ProducerPanel::bulkStatusText() const
{
    return m_ui->bulkStatusLabel->text();
}
