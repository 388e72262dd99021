#include "consumerpanel.h"

#include "appearance.h"
#include "consumerchart.h"
#include "consumerpartitionsmodel.h"
#include "copytotopic.h"
#include "jsonhighlighter.h"
#include "messagesmodel.h"
#include "schemadecoding.h"
#include "tableviews.h"
#include "timestamptext.h"
#include "ui_consumerpanel.h"
#include "whenready.h"

#include "kafka/payload.h"
#include "kafka/sandbox.h"

#include <QClipboard>
#include <QCompleter>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStringListModel>

namespace {

// Committed offsets (and so lag) follow consumption closely.
const kafka::Property CommitInterval{QStringLiteral("auto.commit.interval.ms"), QStringLiteral("1000")};

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString bytesText(qint64 size)
{
    return QLocale().formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

ConsumerPanel::ConsumerPanel(const QString &title, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ConsumerPanel>()),
      m_title(title),
      m_messages(new MessagesModel(this)),
      m_partitions(new ConsumerPartitionsModel(this)),
      m_events(new QStringListModel(this)),
      m_schemaDecoding(new SchemaDecoding(this))
{
    m_ui->setupUi(this);
    m_jsonHighlighter = new JsonHighlighter(m_ui->detailText->document());
    m_ui->messagesView->setModel(m_messages);
    m_ui->partitionsView->setModel(m_partitions);
    m_ui->eventsView->setModel(m_events);
    setDenseRows(m_ui->messagesView);
    setDenseRows(m_ui->partitionsView);
    // A timestamp's 29 characters are 20 digits and 9 narrower signs.
    setColumnWidthsInDigits(m_ui->messagesView, {{MessagesModel::PartitionColumn, 6}, {MessagesModel::OffsetColumn, 9},
                                                 {MessagesModel::TimestampColumn, 25}, {MessagesModel::KeyColumn, 10},
                                                 {MessagesModel::ValueColumn, 20}, {MessagesModel::HeadersColumn, 8}});
    m_ui->partitionsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({560, 260});

    m_ui->modeCombo->addItem(tr("in group"), int(kafka::ConsumerSpec::Mode::Group));
    m_ui->modeCombo->addItem(tr("chosen partitions"), int(kafka::ConsumerSpec::Mode::Manual));
    m_ui->strategyCombo->addItem(tr("cooperative rebalancing"), QStringLiteral("cooperative-sticky"));
    m_ui->strategyCombo->addItem(tr("eager rebalancing"), QStringLiteral("range,roundrobin"));
    m_ui->strategyCombo->setToolTip(tr("Cooperative moves only the partitions that must move; eager revokes all first."));
    m_ui->startCombo->addItem(tr("earliest"), int(kafka::ConsumerSpec::Start::Earliest));
    m_ui->startCombo->addItem(tr("latest"), int(kafka::ConsumerSpec::Start::Latest));
    m_ui->startCombo->addItem(tr("an offset"), int(kafka::ConsumerSpec::Start::Offset));
    m_ui->startCombo->addItem(tr("a time"), int(kafka::ConsumerSpec::Start::Timestamp));
    m_ui->formatCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Automatic" whole
    m_ui->formatCombo->addItem(tr("Automatic"), int(kafka::PayloadFormat::Auto));
    m_ui->formatCombo->addItem(tr("Text"), int(kafka::PayloadFormat::Text));
    m_ui->formatCombo->addItem(tr("JSON"), int(kafka::PayloadFormat::Json));
    m_ui->formatCombo->addItem(tr("Hex"), int(kafka::PayloadFormat::Hex));
    m_ui->timeEdit->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_ui->groupEdit->setText(QStringLiteral("kafkadesk"));
    m_ui->offsetEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,18}")), this));
    m_ui->topicsEdit->setCompleter(new QCompleter(new QStringListModel(this), this));

    connect(m_ui->startButton, &QPushButton::clicked, this, &ConsumerPanel::start);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &ConsumerPanel::stop);
    connect(m_ui->pauseButton, &QPushButton::toggled, this, &ConsumerPanel::setPaused);
    connect(m_ui->commitButton, &QPushButton::clicked, this, &ConsumerPanel::commit);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &ConsumerPanel::clear);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, &ConsumerPanel::updateControls);
    connect(m_ui->startCombo, &QComboBox::currentIndexChanged, this, &ConsumerPanel::updateControls);
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this, &ConsumerPanel::applyFilter);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applyFilter();
    });
    connect(m_ui->regexCheck, &QCheckBox::toggled, this, &ConsumerPanel::applyFilter);
    connect(m_ui->filterPartitionSpin, &QSpinBox::valueChanged, this, &ConsumerPanel::applyFilter);
    connect(m_ui->capacitySpin, &QSpinBox::valueChanged, this, [this](int capacity) {
        m_messages->setCapacity(capacity);
        updateStatus();
    });
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this, &ConsumerPanel::showRecord);
    connect(m_ui->registryEdit, &QLineEdit::editingFinished, this, &ConsumerPanel::chooseSchemaSource);
    connect(m_schemaDecoding, &SchemaDecoding::decoderChanged, this, [this] {
        m_exportDecoded->setEnabled(m_schemaDecoding->decoder() != nullptr);
        // Greyed out means off: a checked box left from an earlier source
        // must not make the next export write decoded values.
        if (!m_exportDecoded->isEnabled())
            m_exportDecoded->setChecked(false);
        passDecoderToConsumer();
        showRecord();
    });
    connect(m_schemaDecoding, &SchemaDecoding::loadFailed, this, [this](const QString &message) {
        addEvent(tr("Schema not loaded: %1").arg(message));
        m_ui->registryEdit->setToolTip(message);
    });
    connect(m_ui->messagesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConsumerPanel::showRecord);
    connect(m_ui->copyValueButton, &QPushButton::clicked, this, [this] { copyToClipboard(&kafka::Record::value); });
    connect(m_ui->copyKeyButton, &QPushButton::clicked, this, [this] { copyToClipboard(&kafka::Record::key); });
    auto *exportMenu = new QMenu(this);
    exportMenu->setToolTipsVisible(true); // a disabled action says why
    exportMenu->addAction(tr("All messages…"), this, [this] { chooseExport(false); });
    exportMenu->addAction(tr("Selected messages…"), this, [this] { chooseExport(true); });
    m_exportDecoded = exportMenu->addAction(tr("Write values decoded with the schema"));
    m_exportDecoded->setCheckable(true);
    m_exportDecoded->setEnabled(false); // until a schema source is set
    m_exportDecoded->setToolTip(tr("JSON lines keep the bytes and add the decoded JSON (\"value_decoded\"); "
                                   "CSV writes the decoded JSON. Set a schema source first."));
    exportMenu->addSeparator();
    m_copyToTopic = exportMenu->addAction(tr("Copy selected messages to a topic…"), this, &ConsumerPanel::chooseCopyToTopic);
    m_ui->exportButton->setMenu(exportMenu);
    connect(m_ui->cancelExportButton, &QPushButton::clicked, this, &ConsumerPanel::cancelExport);
    connect(this, &ConsumerPanel::exported, this, [this](bool, const QString &message) { addEvent(message); });

    // Follow the tail only while the user is at the bottom.
    QScrollBar *scroll = m_ui->messagesView->verticalScrollBar();
    connect(m_messages, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, scroll] { m_followTail = scroll->value() >= scroll->maximum(); });
    connect(m_messages, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_ui->messagesView->scrollToBottom();
    });
    connect(m_messages, &MessagesModel::droppedChanged, this, &ConsumerPanel::updateStatus);
    connect(m_messages, &MessagesModel::filterFinished, this, &ConsumerPanel::updateStatus);
    // The Chart tab: receive rate and lag over time (ConsumerChart).
    auto *chart = new ConsumerChart(this);
    m_ui->sideTabs->addTab(chart, tr("C&hart"));
    connect(this, &ConsumerPanel::recordsReceived, chart, &ConsumerChart::addRecords);
    connect(this, &ConsumerPanel::progressReceived, chart, &ConsumerChart::addProgress);
    connect(this, &ConsumerPanel::started, chart, &ConsumerChart::restart);
    updateControls();
    updateStatus();
}

ConsumerPanel::~ConsumerPanel()
{
    // An export still writing is let go the same way: its worker, destroyed
    // on its thread, discards the unfinished file (QSaveFile).
    m_export.reset();
    // The worker closes the consumer (leaving its group) before its thread
    // ends; m_consumer then lets the thread go without waiting for that,
    // which can take as long as the cluster makes it.
    if (m_consumer && !m_stopRequested)
        QMetaObject::invokeMethod(m_consumer->worker(), &kafka::ConsumerWorker::stop, Qt::QueuedConnection);
}

void ConsumerPanel::setConnection(const kafka::ClientConfig &config, bool sandbox)
{
    stop();
    m_connection = config;
    m_sandbox = sandbox;
    updateControls();
}

void ConsumerPanel::setKnownTopics(const QStringList &topics)
{
    if (auto *model = qobject_cast<QStringListModel *>(m_ui->topicsEdit->completer()->model()))
        model->setStringList(topics);
}

void ConsumerPanel::setTopics(const QString &topics)
{
    m_ui->topicsEdit->setText(topics);
}

void ConsumerPanel::setGroup(const QString &groupId)
{
    m_ui->modeCombo->setCurrentIndex(m_ui->modeCombo->findData(int(kafka::ConsumerSpec::Mode::Group)));
    m_ui->groupEdit->setText(groupId);
}

kafka::ConsumerSpec ConsumerPanel::spec(QString *error) const
{
    kafka::ConsumerSpec spec;
    spec.config = m_connection;
    spec.topics.clear();
    for (const QString &topic : m_ui->topicsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        spec.topics.append(topic.trimmed());
    spec.mode = kafka::ConsumerSpec::Mode(m_ui->modeCombo->currentData().toInt());
    spec.groupId = m_ui->groupEdit->text().trimmed();
    spec.autoCommit = m_ui->autoCommitCheck->isChecked();
    spec.assignmentStrategy = m_ui->strategyCombo->currentData().toString();
    spec.start = kafka::ConsumerSpec::Start(m_ui->startCombo->currentData().toInt());
    if (spec.start == kafka::ConsumerSpec::Start::Offset) {
        bool ok = false;
        spec.startAt = m_ui->offsetEdit->text().toLongLong(&ok);
        if (!ok)
            *error = tr("Enter the offset to start from.");
    } else if (spec.start == kafka::ConsumerSpec::Start::Timestamp) {
        spec.startAt = m_ui->timeEdit->dateTime().toMSecsSinceEpoch();
    }
    const QString partitions = m_ui->partitionsEdit->text().trimmed();
    if (spec.mode == kafka::ConsumerSpec::Mode::Manual && !partitions.isEmpty() && partitions != QLatin1String("all")) {
        for (const QString &part : partitions.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int p = part.trimmed().toInt(&ok);
            if (!ok || p < 0)
                *error = tr("Partitions are 'all' or numbers separated by commas, such as 0,2,5.");
            spec.partitions.append(p);
        }
    }
    if (spec.mode == kafka::ConsumerSpec::Mode::Group) {
        spec.config.properties.append(CommitInterval);
        if (m_sandbox)
            spec.config.properties += kafka::Sandbox::groupConsumerProperties();
    }
    if (error->isEmpty())
        if (auto err = spec.validate())
            *error = err.message;
    return spec;
}

void ConsumerPanel::start()
{
    if (m_consumer)
        return;
    if (m_connection.bootstrapServers.isEmpty()) {
        m_error = tr("Connect to a cluster first.");
        return updateStatus();
    }
    QString error;
    const kafka::ConsumerSpec spec = this->spec(&error);
    if (!error.isEmpty()) {
        m_error = error;
        return updateStatus();
    }
    m_error.clear();
    m_warning.clear();
    m_running = spec;
    m_memberId.clear();
    m_consumer = std::make_unique<ConsumerThread>(std::make_unique<kafka::ConsumerWorker>(spec), QStringLiteral("consumer"),
                                                  m_reaper);
    m_stopRequested = false;
    kafka::ConsumerWorker *worker = m_consumer->worker();
    connect(worker, &kafka::ConsumerWorker::records, this, &ConsumerPanel::onRecords);
    connect(worker, &kafka::ConsumerWorker::events, this, &ConsumerPanel::onEvents);
    connect(worker, &kafka::ConsumerWorker::progress, this, &ConsumerPanel::onProgress);
    connect(worker, &kafka::ConsumerWorker::started, this, [this] {
        updateStatus();
        emit started();
    });
    connect(worker, &kafka::ConsumerWorker::failed, this, [this](const QString &message) {
        m_error = message;
        addEvent(tr("Failed: %1").arg(message));
        stop();
    });
    connect(worker, &kafka::ConsumerWorker::stopped, this, &ConsumerPanel::onStopped);
    passDecoderToConsumer();
    QMetaObject::invokeMethod(worker, &kafka::ConsumerWorker::start, Qt::QueuedConnection);
    addEvent(spec.mode == kafka::ConsumerSpec::Mode::Group
                 ? tr("Starting: group %1 on %2").arg(spec.groupId, spec.topics.join(QStringLiteral(", ")))
                 : tr("Starting: %1").arg(spec.topics.join(QStringLiteral(", "))));
    updateControls();
    updateStatus();
    emit groupStateChanged();
}

void ConsumerPanel::stop()
{
    // Once: a second stop() would make the worker report stopped() twice.
    if (!m_consumer || std::exchange(m_stopRequested, true))
        return;
    QMetaObject::invokeMethod(m_consumer->worker(), &kafka::ConsumerWorker::stop, Qt::QueuedConnection);
    addEvent(tr("Stopping…"));
}

void ConsumerPanel::onStopped()
{
    // The worker has closed its consumer; let its thread end (not waited for).
    m_consumer.reset();
    m_memberId.clear();
    m_warning.clear(); // a stopped consumer waits for nothing
    m_partitions->setProgress({});
    m_ui->pauseButton->setChecked(false);
    addEvent(tr("Stopped"));
    updateControls();
    updateStatus();
    emit stopped();
    emit groupStateChanged();
}

void ConsumerPanel::setPaused(bool paused)
{
    if (!m_consumer)
        return;
    QMetaObject::invokeMethod(m_consumer->worker(), paused ? &kafka::ConsumerWorker::pause : &kafka::ConsumerWorker::resume,
                              Qt::QueuedConnection);
    addEvent(paused ? tr("Paused") : tr("Resumed"));
    updateStatus();
}

void ConsumerPanel::commit()
{
    if (m_consumer)
        QMetaObject::invokeMethod(m_consumer->worker(), &kafka::ConsumerWorker::commit, Qt::QueuedConnection);
}

void ConsumerPanel::clear()
{
    m_messages->clear();
    updateStatus();
}

void ConsumerPanel::applyFilter()
{
    const MessageFilter filter(m_ui->filterEdit->text(), m_ui->regexCheck->isChecked(),
                               m_ui->filterPartitionSpin->value());
    if (!filter.isValid()) {
        m_error = tr("The regular expression is not valid: %1").arg(filter.errorString());
        return updateStatus();
    }
    m_error.clear();
    m_messages->setFilter(filter);
    updateStatus();
}

void ConsumerPanel::onRecords(const QList<kafka::RecordBatch> &batches)
{
    for (const kafka::RecordBatch &batch : batches)
        m_received += batch.size();
    m_messages->append(batches);
    updateStatus();
    emit recordsReceived(batches);
}

void ConsumerPanel::onEvents(const QList<kafka::ConsumerEvent> &events)
{
    using Kind = kafka::ConsumerEvent::Kind;
    for (const kafka::ConsumerEvent &event : events) {
        switch (event.kind) {
        case Kind::Error:
        case Kind::Fatal: // the worker stops
            addEvent(tr("Error: %1").arg(event.message));
            m_error = event.message;
            break;
        case Kind::Warning: // still consuming, or trying to
            addEvent(tr("Warning: %1").arg(event.message));
            m_warning = event.message;
            break;
        case Kind::Recovered:
            addEvent(event.message);
            m_warning.clear();
            break;
        default:
            addEvent(event.message);
        }
    }
    updateStatus();
}

void ConsumerPanel::onProgress(const QList<kafka::PartitionProgress> &progress, const QString &memberId)
{
    const QList<kafka::TopicPartition> before = assignment();
    m_partitions->setProgress(progress);
    const bool changed = memberId != m_memberId || assignment() != before;
    m_memberId = memberId;
    updateStatus();
    emit progressReceived(progress);
    if (changed)
        emit groupStateChanged();
}

QList<kafka::TopicPartition> ConsumerPanel::assignment() const
{
    QList<kafka::TopicPartition> out;
    for (const auto &p : m_partitions->progress())
        out.append(p.partition);
    return out;
}

bool ConsumerPanel::isGroupMember() const
{
    return m_consumer && m_running.mode == kafka::ConsumerSpec::Mode::Group;
}

QString ConsumerPanel::groupId() const
{
    return isGroupMember() ? m_running.groupId : QString();
}

void ConsumerPanel::addEvent(const QString &text)
{
    const QString line = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz  ")) + text;
    const int row = m_events->rowCount();
    m_events->insertRows(row, 1);
    m_events->setData(m_events->index(row), line);
    if (m_events->rowCount() > EventsKept)
        m_events->removeRows(0, m_events->rowCount() - EventsKept);
    m_ui->eventsView->scrollToBottom();
}

void ConsumerPanel::showRecord()
{
    const QModelIndex current = m_ui->messagesView->currentIndex();
    if (!current.isValid()) {
        m_ui->detailHeaderLabel->clear();
        m_ui->detailText->clear();
        return;
    }
    const kafka::Record r = m_messages->recordAt(current.row());
    QStringList headers;
    for (const kafka::Header &h : r.headers)
        headers.append(kafka::previewText(h.name, 40) + QLatin1Char('=') + kafka::previewText(h.value, 80));
    kafka::PayloadFormat used = kafka::PayloadFormat::Auto;
    bool truncated = false;
    QString notJson;
    const QString body = r.hasValue ? kafka::renderPayload(r.value, kafka::PayloadFormat(m_ui->formatCombo->currentData().toInt()),
                                                           DetailBytes, &used, &truncated, &notJson)
                                    : tr("(null value)");
    QString shownAs = used == kafka::PayloadFormat::Json ? tr("JSON")
                      : used == kafka::PayloadFormat::Hex ? tr("hex")
                                                           : tr("text");
    if (!notJson.isEmpty())
        shownAs += QStringLiteral(" (%1)").arg(notJson.toHtmlEscaped());
    QString header = tr("Partition %1 · offset %2 · %3<br>Key: %4<br>Value: %5, shown as %6")
                         .arg(r.partition)
                         .arg(count(r.offset))
                         .arg(timestamptext::typedLocalAndUtc(r.timestampMs, r.timestampType))
                         .arg(r.hasKey ? kafka::previewText(r.key, 80).toHtmlEscaped() : tr("(none)"))
                         .arg(bytesText(r.value.size()), shownAs);
    if (truncated)
        header += tr(" · showing the first %1 (Copy value copies it all)").arg(bytesText(DetailBytes));
    header += tr("<br>Headers: %1").arg(headers.isEmpty() ? tr("(none)") : headers.join(QStringLiteral(", ")).toHtmlEscaped());
    m_ui->detailHeaderLabel->setText(header);
    m_jsonHighlighter->setEnabled(used == kafka::PayloadFormat::Json);
    m_ui->detailText->setPlainText(body);
    decodeRecord(r, header);
}

void ConsumerPanel::setSchemaSource(const QString &source)
{
    m_ui->registryEdit->setText(source);
    chooseSchemaSource();
}

void ConsumerPanel::setSchemaRegistry(const kafka::SchemaRegistrySettings &registry)
{
    m_schemaDecoding->setRegistryLogin(registry);
    setSchemaSource(registry.url);
}

// The consumer decodes what it receives from now on (the table's value
// column, the filter, Export… decoded); what it received before stays as it
// came (the detail view still decodes it when selected).
void ConsumerPanel::passDecoderToConsumer()
{
    if (!m_consumer || m_stopRequested)
        return;
    m_consumer->worker()->setDecoder(m_schemaDecoding->decoder(), m_schemaDecoding->isLocal());
}

void ConsumerPanel::chooseSchemaSource()
{
    m_schemaDecoding->setSource(m_ui->registryEdit->text().trimmed());
}

// Keys and values in the registry's wire format (every value with a local
// schema), decoded off the GUI thread and shown when the same message is
// still selected.
void ConsumerPanel::decodeRecord(const kafka::Record &r, const QString &header)
{
    const bool asked = m_schemaDecoding->decodeRecord(r, [this, header](const SchemaDecoding::RecordDecoding &decoded) {
        // The bytes as they came in Text and Hex; the decoded JSON otherwise.
        const auto format = kafka::PayloadFormat(m_ui->formatCombo->currentData().toInt());
        const bool showDecoded = decoded.value.isDecoded() && format != kafka::PayloadFormat::Text && format != kafka::PayloadFormat::Hex;
        if (showDecoded) {
            kafka::PayloadFormat used = kafka::PayloadFormat::Auto;
            bool truncated = false;
            m_ui->detailText->setPlainText(
                kafka::renderPayload(decoded.value.json, kafka::PayloadFormat::Json, DetailBytes, &used, &truncated));
        }
        m_ui->detailHeaderLabel->setText(header + tr("<br>Schema: ") + SchemaDecoding::summary(decoded, showDecoded).toHtmlEscaped());
    });
    if (asked)
        m_ui->detailHeaderLabel->setText(header + tr("<br>Schema: decoding with %1…").arg(m_schemaDecoding->source().toHtmlEscaped()));
}

void ConsumerPanel::copyToClipboard(QByteArray kafka::Record::*field) const
{
    const QModelIndex current = m_ui->messagesView->currentIndex();
    if (!current.isValid())
        return;
    // All of it, as text when it is valid UTF-8, else as hex.
    const QByteArray bytes = m_messages->recordAt(current.row()).*field;
    QGuiApplication::clipboard()->setText(kafka::isValidUtf8(bytes) ? QString::fromUtf8(bytes)
                                                                    : QString::fromLatin1(bytes.toHex(' ')));
}

QString ConsumerPanel::detailText() const
{
    return m_ui->detailText->toPlainText();
}

void ConsumerPanel::updateControls()
{
    const bool running = m_consumer != nullptr;
    const bool group = kafka::ConsumerSpec::Mode(m_ui->modeCombo->currentData().toInt()) == kafka::ConsumerSpec::Mode::Group;
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->topicsEdit, m_ui->modeCombo, m_ui->startCombo})
        w->setEnabled(!running);
    m_ui->groupEdit->setEnabled(!running && group);
    m_ui->strategyCombo->setEnabled(!running && group);
    m_ui->autoCommitCheck->setEnabled(!running && group);
    m_ui->partitionsEdit->setEnabled(!running && !group);
    // A group begins at its committed offsets, else the earliest or latest.
    const auto *model = qobject_cast<QStandardItemModel *>(m_ui->startCombo->model());
    for (int i = 2; model && i < 4; ++i)
        model->item(i)->setEnabled(!group);
    if (group && m_ui->startCombo->currentIndex() >= 2)
        m_ui->startCombo->setCurrentIndex(0);
    const auto start = kafka::ConsumerSpec::Start(m_ui->startCombo->currentData().toInt());
    m_ui->offsetEdit->setVisible(start == kafka::ConsumerSpec::Start::Offset);
    m_ui->offsetEdit->setEnabled(!running);
    m_ui->timeEdit->setVisible(start == kafka::ConsumerSpec::Start::Timestamp);
    m_ui->timeEdit->setEnabled(!running);
    m_ui->startButton->setEnabled(!running);
    m_ui->stopButton->setEnabled(running);
    m_ui->pauseButton->setEnabled(running);
    m_ui->commitButton->setEnabled(running && group);
}

void ConsumerPanel::updateStatus()
{
    QStringList parts;
    if (m_consumer) {
        parts.append(!m_warning.isEmpty()             ? tr("Waiting for the cluster")
                     : m_ui->pauseButton->isChecked() ? tr("Paused")
                                                      : tr("Consuming"));
        if (m_running.mode == kafka::ConsumerSpec::Mode::Group)
            parts.append(tr("group %1%2").arg(m_running.groupId,
                                              m_memberId.isEmpty() ? QString() : tr(" as %1").arg(m_memberId.left(24))));
        parts.append(m_partitions->rowCount() == 1 ? tr("1 partition")
                                                   : tr("%1 partitions").arg(m_partitions->rowCount()));
        parts.append(tr("lag %1").arg(m_partitions->totalLag().describe()));
    } else {
        parts.append(tr("Stopped"));
    }
    parts.append(tr("received %1").arg(count(m_received)));
    parts.append(m_messages->isFiltering() ? tr("filtering… %1 match so far").arg(count(m_messages->rowCount()))
                                           : tr("showing %1").arg(count(m_messages->rowCount())));
    if (m_messages->droppedCount() > 0)
        parts.append(tr("%1 oldest dropped from view (keeping at most %2, and %3)")
                         .arg(count(m_messages->droppedCount()), count(m_messages->capacity()),
                              bytesText(m_messages->byteCapacity())));
    QString text = parts.join(QStringLiteral(" · "));
    if (!m_warning.isEmpty())
        text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                    .arg(appearance::warningText(palette()).name(), m_warning.toHtmlEscaped());
    if (!m_error.isEmpty())
        text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                    .arg(appearance::errorText(palette()).name(), m_error.toHtmlEscaped());
    m_ui->statusLabel->setText(text);
}

QString ConsumerPanel::statusText() const
{
    return m_ui->statusLabel->text();
}

void ConsumerPanel::chooseExport(bool selectedOnly)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export messages"), QStringLiteral("messages.jsonl"),
                                                      tr("JSON lines (*.jsonl);;CSV (*.csv)"));
    if (!path.isEmpty())
        exportMessages(path, selectedOnly, m_exportDecoded->isChecked());
}

QList<RecordSnapshot::RowRange> ConsumerPanel::selectedRows() const
{
    // Ranges, not one index per row: selecting a million rows costs a range.
    QList<RecordSnapshot::RowRange> rows;
    for (const QItemSelectionRange &range : m_ui->messagesView->selectionModel()->selection())
        rows.append({range.top(), range.bottom() - range.top() + 1});
    return RecordSnapshot::merged(std::move(rows));
}

void ConsumerPanel::exportMessages(const QString &path, bool selectedOnly, bool decodedValues)
{
    if (m_export)
        return emit exported(false, tr("An export is already running: wait for it or cancel it."));
    QList<RecordSnapshot::RowRange> rows;
    if (selectedOnly)
        rows = selectedRows();
    else if (m_messages->rowCount() > 0)
        rows = {{0, m_messages->rowCount()}};
    // The snapshot shares the stored batches: taking it copies no message.
    RecordSnapshot snapshot = m_messages->snapshot(std::move(rows));
    const qint64 total = snapshot.size();
    auto worker = std::make_unique<ExportWorker>(std::move(snapshot), path, ExportWorker::formatFor(path));
    if (decodedValues)
        worker->setDecodedValues(m_schemaDecoding->decoder(), m_schemaDecoding->isLocal());
    m_export = std::make_unique<ExportThread>(std::move(worker), QStringLiteral("export"), m_reaper);
    ExportWorker *exporter = m_export->worker();
    connect(exporter, &ExportWorker::progress, this, [this](qint64 written, qint64 total) {
        m_ui->exportProgress->setRange(0, 1000);
        m_ui->exportProgress->setValue(total > 0 ? int(written * 1000 / total) : 1000);
        m_ui->exportProgress->setToolTip(tr("%1 of %2 messages written").arg(count(written), count(total)));
        emit exportProgressed(written, total);
    });
    connect(exporter, &ExportWorker::written, this, [this, path](qint64 n) {
        finishExport(true, tr("Exported %1 messages to %2").arg(count(n), path));
    });
    connect(exporter, &ExportWorker::cancelled, this, [this, path] {
        finishExport(false, tr("Export to %1 cancelled: no file was written.").arg(path));
    });
    connect(exporter, &ExportWorker::failed, this, [this, path](const QString &error) {
        finishExport(false, tr("Export to %1 failed: %2. No file was written.").arg(path, error));
    });
    m_ui->exportProgress->setRange(0, 0); // busy until the first slice is written
    m_ui->exportProgress->setVisible(true);
    m_ui->cancelExportButton->setVisible(true);
    m_ui->exportButton->setEnabled(false);
    addEvent(tr("Exporting %1 messages to %2…").arg(count(total), path));
    QMetaObject::invokeMethod(exporter, &ExportWorker::start, Qt::QueuedConnection);
}

void ConsumerPanel::setReadOnly(const QString &reason)
{
    // Reading and exporting stay; producing the messages again does not.
    m_copyToTopic->setEnabled(reason.isEmpty());
    m_copyToTopic->setToolTip(reason);
}

void ConsumerPanel::chooseCopyToTopic()
{
    if (m_connection.bootstrapServers.isEmpty())
        return addEvent(tr("Connect to a cluster first."));
    QList<RecordSnapshot::RowRange> rows = selectedRows();
    if (rows.isEmpty())
        return addEvent(tr("Select the messages to copy first."));
    RecordSnapshot snapshot = m_messages->snapshot(std::move(rows));
    QStringList topics;
    if (auto *model = qobject_cast<QStringListModel *>(m_ui->topicsEdit->completer()->model()))
        topics = model->stringList();
    auto *dialog = new CopyToTopicDialog(snapshot.size(), topics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, snapshot = std::move(snapshot)] {
        const CopyToTopicSpec spec = dialog->spec();
        addEvent(tr("Copying %1 messages to %2…").arg(count(snapshot.size()), spec.topic));
        whenReady(this, copyToTopic(m_connection, snapshot, spec), [this, topic = spec.topic](const CopyToTopicResult &r) {
            addEvent(tr("Copied to %1: %2").arg(topic, r.summary()));
            emit copiedToTopic(r.failed == 0, r.summary());
        });
    });
    dialog->open();
}

void ConsumerPanel::cancelExport()
{
    if (m_export)
        QMetaObject::invokeMethod(m_export->worker(), &ExportWorker::cancel, Qt::QueuedConnection);
}

void ConsumerPanel::finishExport(bool ok, const QString &message)
{
    // The worker has closed its file; its thread ends (not waited for).
    m_export.reset();
    m_ui->exportProgress->setVisible(false);
    m_ui->cancelExportButton->setVisible(false);
    m_ui->exportButton->setEnabled(true);
    emit exported(ok, message);
}
