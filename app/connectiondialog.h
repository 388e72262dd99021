#pragma once

#include "kafka/connectionspec.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConnectionDialog;
}

// Asks where to connect: the built-in sandbox or bootstrap servers, plus
// client properties. Refuses, with a message, what librdkafka would refuse.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSpec(const kafka::ConnectionSpec &spec);
    // Valid once the dialog was accepted.
    kafka::ConnectionSpec spec() const { return m_spec; }
    QString errorText() const;

    void accept() override;

private:
    void applyRecent(int index);

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    QList<kafka::ConnectionSpec> m_recent;
    kafka::ConnectionSpec m_spec;
};
