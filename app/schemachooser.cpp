#include "schemachooser.h"

#include "whenready.h"

#include "kafka/schemaencoder.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

SchemaChooser::SchemaChooser(QWidget *parent)
    : QWidget(parent), m_sourceCombo(new QComboBox(this)), m_urlEdit(new QLineEdit(this)),
      m_subjectEdit(new QLineEdit(this)), m_userEdit(new QLineEdit(this)), m_passwordEdit(new QLineEdit(this)),
      m_fileEdit(new QLineEdit(this)), m_browseButton(new QToolButton(this)),
      m_typeEdit(new QLineEdit(this)), m_loadButton(new QPushButton(tr("&Load"), this)), m_statusLabel(new QLabel(this))
{
    m_sourceCombo->addItem(tr("No schema"), int(Source::None));
    m_sourceCombo->addItem(tr("Registry subject"), int(Source::RegistrySubject));
    m_sourceCombo->addItem(tr("Local .avsc / .proto"), int(Source::LocalFile));
    m_sourceCombo->setToolTip(tr("Encode the value (JSON) with a schema before sending it: a registry subject's "
                                 "latest schema (the registry's wire format), or a local Avro or Protobuf schema "
                                 "(bare Avro binary or a bare Protobuf message)."));
    m_urlEdit->setPlaceholderText(tr("registry URL (http://host:8081)"));
    m_subjectEdit->setPlaceholderText(tr("subject (orders-value)"));
    m_userEdit->setPlaceholderText(tr("user"));
    m_userEdit->setToolTip(tr("The registry's user name (HTTP basic auth); empty: no login"));
    m_passwordEdit->setPlaceholderText(tr("password"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_fileEdit->setPlaceholderText(tr("schema file (.avsc or .proto)"));
    m_browseButton->setText(QStringLiteral("…"));
    m_browseButton->setToolTip(tr("Choose a schema file"));
    m_typeEdit->setPlaceholderText(tr("Protobuf type"));
    m_typeEdit->setToolTip(tr("Protobuf only: the message type's full name (shop.Order, or shop.Order.Line for a "
                              "nested one). For a subject, empty means the schema's first type."));
    setFocusProxy(m_sourceCombo);
    m_sourceCombo->setObjectName(QStringLiteral("schemaSourceCombo"));
    m_urlEdit->setObjectName(QStringLiteral("schemaRegistryEdit"));
    m_subjectEdit->setObjectName(QStringLiteral("schemaSubjectEdit"));
    m_userEdit->setObjectName(QStringLiteral("schemaUserEdit"));
    m_passwordEdit->setObjectName(QStringLiteral("schemaPasswordEdit"));
    m_fileEdit->setObjectName(QStringLiteral("schemaFileEdit"));
    m_typeEdit->setObjectName(QStringLiteral("schemaTypeEdit"));
    m_loadButton->setObjectName(QStringLiteral("schemaLoadButton"));
    m_statusLabel->setObjectName(QStringLiteral("schemaStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_sourceCombo);
    row->addWidget(m_urlEdit, 2);
    row->addWidget(m_subjectEdit, 2);
    row->addWidget(m_userEdit, 1);
    row->addWidget(m_passwordEdit, 1);
    row->addWidget(m_fileEdit, 3);
    row->addWidget(m_browseButton);
    row->addWidget(m_typeEdit, 1);
    row->addWidget(m_loadButton);
    row->addStretch(); // keeps "No schema" compact when nothing else shows
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_statusLabel);

    connect(m_sourceCombo, &QComboBox::currentIndexChanged, this, [this] {
        dropLoaded();
        updateControls();
    });
    for (QLineEdit *edit : {m_urlEdit, m_subjectEdit, m_userEdit, m_passwordEdit, m_fileEdit, m_typeEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            dropLoaded();
            updateControls();
        });
        connect(edit, &QLineEdit::returnPressed, this, &SchemaChooser::load);
    }
    connect(m_loadButton, &QPushButton::clicked, this, &SchemaChooser::load);
    connect(m_browseButton, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Schema to encode with"), m_fileEdit->text(),
                                                          tr("Avro or Protobuf schemas (*.avsc *.proto)"));
        if (path.isEmpty())
            return;
        m_fileEdit->setText(path);
        dropLoaded();
        load();
    });
    updateControls();
}

SchemaChooser::~SchemaChooser() = default;

SchemaChooser::Source SchemaChooser::source() const
{
    return Source(m_sourceCombo->currentData().toInt());
}

kafka::Result<QByteArray> SchemaChooser::encode(const QByteArray &json) const
{
    if (source() == Source::None)
        return json;
    if (!m_encoder)
        return kafka::Error::invalid(m_loading ? tr("The schema is still loading; try again in a moment.")
                                               : tr("Load the schema first (or choose \"No schema\")."));
    return m_encoder->encode(json);
}

QString SchemaChooser::loadedDescription() const
{
    return m_encoder ? m_encoder->description() : QString();
}

void SchemaChooser::setRegistry(const QString &url, const QString &subject, const QString &messageType,
                                const QString &user, const QString &password)
{
    m_sourceCombo->setCurrentIndex(m_sourceCombo->findData(int(Source::RegistrySubject)));
    m_urlEdit->setText(url);
    m_userEdit->setText(user);
    m_passwordEdit->setText(password);
    m_subjectEdit->setText(subject);
    m_typeEdit->setText(messageType);
    dropLoaded();
    updateControls();
}

void SchemaChooser::setLocalFile(const QString &path, const QString &messageType)
{
    m_sourceCombo->setCurrentIndex(m_sourceCombo->findData(int(Source::LocalFile)));
    m_fileEdit->setText(path);
    m_typeEdit->setText(messageType);
    dropLoaded();
    updateControls();
}

void SchemaChooser::load()
{
    const Source chosen = source();
    if (chosen == Source::None)
        return;
    dropLoaded();
    const quint64 generation = m_generation;
    const QString type = m_typeEdit->text().trimmed();
    QFuture<kafka::Result<std::shared_ptr<const kafka::SchemaEncoder>>> future;
    if (chosen == Source::RegistrySubject) {
        kafka::SchemaRegistrySettings settings;
        settings.url = m_urlEdit->text().trimmed();
        settings.username = m_userEdit->text().trimmed();
        settings.password = m_passwordEdit->text();
        const QString subject = m_subjectEdit->text().trimmed();
        if (!kafka::isRegistryUrl(settings.url)) {
            m_loadError = tr("The registry URL starts with http:// or https://.");
            return updateControls();
        }
        if (subject.isEmpty()) {
            m_loadError = tr("Name the subject whose latest schema encodes the value.");
            return updateControls();
        }
        future = kafka::runOnNetworkPool(
            [settings, subject, type] { return kafka::SchemaEncoder::forSubject(settings, subject, type); });
    } else {
        const QString path = m_fileEdit->text().trimmed();
        if (path.endsWith(QLatin1String(".proto")) && type.isEmpty()) {
            m_loadError = tr("Name the Protobuf message type to encode (e.g. shop.Order).");
            return updateControls();
        }
        future = kafka::runOnNetworkPool([path, type] { return kafka::SchemaEncoder::forLocalFile(path, type); });
    }
    m_loading = true;
    updateControls();
    whenReady(this, future, [this, generation](const kafka::Result<std::shared_ptr<const kafka::SchemaEncoder>> &made) {
        if (generation != m_generation)
            return; // edited since: this load is stale
        m_loading = false;
        if (made.ok())
            m_encoder = made.value();
        else
            m_loadError = made.error().message;
        updateControls();
        emit loaded();
    });
}

void SchemaChooser::dropLoaded()
{
    ++m_generation;
    m_encoder.reset();
    m_loadError.clear();
    m_loading = false;
}

void SchemaChooser::updateControls()
{
    const Source chosen = source();
    m_urlEdit->setVisible(chosen == Source::RegistrySubject);
    m_subjectEdit->setVisible(chosen == Source::RegistrySubject);
    m_userEdit->setVisible(chosen == Source::RegistrySubject);
    m_passwordEdit->setVisible(chosen == Source::RegistrySubject);
    m_fileEdit->setVisible(chosen == Source::LocalFile);
    m_browseButton->setVisible(chosen == Source::LocalFile);
    m_typeEdit->setVisible(chosen != Source::None);
    m_loadButton->setVisible(chosen != Source::None);
    m_loadButton->setEnabled(!m_loading);
    m_statusLabel->setVisible(chosen != Source::None);
    if (m_loading)
        m_statusLabel->setText(tr("Loading the schema…"));
    else if (m_encoder)
        m_statusLabel->setText(tr("Values are encoded with %1 (bulk runs send values as written).")
                                   .arg(m_encoder->description()));
    else if (!m_loadError.isEmpty())
        m_statusLabel->setText(tr("Schema not loaded: %1").arg(m_loadError));
    else
        m_statusLabel->setText(tr("Not loaded yet: press Load."));
}
