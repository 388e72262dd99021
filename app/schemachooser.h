#pragma once

#include "kafka/error.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
namespace kafka {
class SchemaEncoder;
}

// The Produce tab's choice of a schema to encode a single message's value
// with (a bulk run sends values as written): none, a registry subject's
// latest schema (the wire format), or a local .avsc or .proto file (bare). Loading fetches or reads the schema on the network
// pool, never on the GUI thread; encoding a value afterwards is quick and
// local. Any edit drops what was loaded until Load is pressed again, so what
// is shown is what values are encoded with.
class SchemaChooser : public QWidget {
    Q_OBJECT
public:
    enum class Source { None, RegistrySubject, LocalFile };

    explicit SchemaChooser(QWidget *parent = nullptr);
    ~SchemaChooser() override;

    Source source() const;
    // The value's JSON text encoded with the loaded schema; unchanged with
    // no schema chosen; an error when a schema is chosen but not loaded, or
    // the value does not match it.
    kafka::Result<QByteArray> encode(const QByteArray &json) const;
    // What the values are encoded with now ("subject orders-value version 3
    // (schema 42, AVRO)"), or empty.
    QString loadedDescription() const;

    // For tests and for a connection that names a registry.
    void setRegistry(const QString &url, const QString &subject, const QString &messageType = {},
                     const QString &user = {}, const QString &password = {});
    void setLocalFile(const QString &path, const QString &messageType = {});

public slots:
    void load();

signals:
    // A load finished (or failed): loadedDescription() tells which.
    void loaded();

private:
    void updateControls();
    void dropLoaded();

    QComboBox *m_sourceCombo;
    QLineEdit *m_urlEdit;
    QLineEdit *m_subjectEdit;
    QLineEdit *m_userEdit;
    QLineEdit *m_passwordEdit; // kept in this widget only, never saved
    QLineEdit *m_fileEdit;
    QToolButton *m_browseButton;
    QLineEdit *m_typeEdit;
    QPushButton *m_loadButton;
    QLabel *m_statusLabel;
    std::shared_ptr<const kafka::SchemaEncoder> m_encoder;
    QString m_loadError;
    // A load started before the last edit is stale when it ends.
    quint64 m_generation = 0;
    bool m_loading = false;
};
