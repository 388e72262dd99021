#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <chrono>

namespace kafka {

// Where a Confluent-compatible Schema Registry answers (Confluent's, Apicurio's
// ccompat API, Karapace) and how to log in to it (HTTP basic auth, or none).
struct SchemaRegistrySettings {
    QString url; // e.g. http://127.0.0.1:8081 or http://host:8080/apis/ccompat/v7
    QString username;
    QString password;
    std::chrono::milliseconds timeout{10000}; // one request, connecting included
};

// True when `url` can name a registry: it starts with http:// or https://
// (what libcurl is allowed to speak here). One check for the GUI and the CLI.
bool isRegistryUrl(const QString &url);

enum class SchemaType : quint8 { Avro, Protobuf, Json };
QString schemaTypeName(SchemaType type); // "AVRO", "PROTOBUF", "JSON"

// A schema as the registry holds it: its text, and the texts of the schemas it
// references (Protobuf imports), by the name it imports them under, in an
// order where every reference comes before what references it.
struct RegistrySchema {
    int id = -1;
    int version = -1; // the subject's version, when fetched by subject
    SchemaType type = SchemaType::Avro;
    QByteArray text;
    struct Reference {
        QString name; // e.g. "common/address.proto"
        QByteArray text;
    };
    QList<Reference> references;

    qsizetype size() const;
};

// The registry's REST API, one blocking HTTP request at a time (libcurl):
// call it on the network pool, never on the GUI thread. Holds no state; the
// caching is SchemaDecoder's. Every failure is an Error that names the id and
// the registry, in words a user can act on. Failures of the registry as a
// whole carry their own code: RD_KAFKA_RESP_ERR__TRANSPORT (not reached:
// refused, timed out, DNS) and RD_KAFKA_RESP_ERR__AUTHENTICATION (HTTP 401 or
// 403); see isRegistryWideFailure.
// True for an error that any request to the same registry would meet now
// (unreachable, login refused), false for one about what was asked.
bool isRegistryWideFailure(const Error &error);

class SchemaRegistryClient {
public:
    explicit SchemaRegistryClient(SchemaRegistrySettings settings);

    const SchemaRegistrySettings &settings() const { return m_settings; }

    // GET {url}/schemas/ids/{id}, with its references fetched
    // (GET {url}/subjects/{subject}/versions/{version}) recursively.
    Result<RegistrySchema> schemaById(int id) const;
    // GET {url}/subjects/{subject}/versions/latest: the subject's newest
    // schema, with its id and version, and its references fetched.
    Result<RegistrySchema> latestSchema(const QString &subject) const;

private:
    struct Response {
        long status = 0;
        QByteArray body;
    };
    Result<Response> get(const QString &path) const;
    // The schema in a registry's answer ({"schema": ..., "schemaType": ...,
    // "references": [...]}) with the id `id`, `what` naming it in errors
    // ("schema id 42").
    Result<RegistrySchema> schemaFromAnswer(const Response &answer, const QString &what, int id) const;
    Error resolveReferences(const QJsonArray &references, RegistrySchema *schema, int depth) const;

    SchemaRegistrySettings m_settings;
};

} // namespace kafka
