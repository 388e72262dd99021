#include "schemaregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace kafka {

namespace {

// A registry's references can nest (a.proto imports b.proto imports c.proto);
// a cycle or a runaway chain stops here instead of recursing for ever.
constexpr int MaxReferenceDepth = 32;
// A schema is text of kilobytes; a body beyond this is not a schema.
constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;

void initCurlOnce()
{
    // curl_global_init is not thread-safe; every later curl call is.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL *curl) const { curl_easy_cleanup(curl); }
};

size_t appendBody(char *data, size_t size, size_t count, void *userdata)
{
    auto *body = static_cast<QByteArray *>(userdata);
    const size_t bytes = size * count;
    if (body->size() + qsizetype(bytes) > MaxBodyBytes)
        return 0; // curl stops with CURLE_WRITE_ERROR
    body->append(data, qsizetype(bytes));
    return bytes;
}

QString trimmedUrl(const QString &url)
{
    QString trimmed = url.trimmed();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    return trimmed;
}

// The registry's own words for a failure ({"error_code":40403,"message":"..."}),
// or the start of the body when it is not that.
QString registryMessage(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (object.contains(QStringLiteral("message")))
        return object.value(QStringLiteral("message")).toString();
    return QString::fromUtf8(body.left(200)).simplified();
}

} // namespace

QString schemaTypeName(SchemaType type)
{
    switch (type) {
    case SchemaType::Avro:
        return QStringLiteral("AVRO");
    case SchemaType::Protobuf:
        return QStringLiteral("PROTOBUF");
    case SchemaType::Json:
        return QStringLiteral("JSON");
    }
    return QStringLiteral("unknown");
}

bool isRegistryUrl(const QString &url)
{
    return url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"));
}

bool isRegistryWideFailure(const Error &error)
{
    return error.code == RD_KAFKA_RESP_ERR__TRANSPORT || error.code == RD_KAFKA_RESP_ERR__AUTHENTICATION;
}

qsizetype RegistrySchema::size() const
{
    qsizetype bytes = text.size();
    for (const Reference &reference : references)
        bytes += reference.name.size() * 2 + reference.text.size();
    return bytes;
}

SchemaRegistryClient::SchemaRegistryClient(SchemaRegistrySettings settings) : m_settings(std::move(settings))
{
    m_settings.url = trimmedUrl(m_settings.url);
}

Result<SchemaRegistryClient::Response> SchemaRegistryClient::get(const QString &path) const
{
    initCurlOnce();
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl)
        return Error::invalid(QStringLiteral("cannot start an HTTP request to the schema registry (libcurl)"));
    const QByteArray url = (m_settings.url + path).toUtf8();
    const QByteArray user = m_settings.username.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    Response response;
    char curlError[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.constData());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    // No signals: this runs on a pool thread, and a DNS timeout by SIGALRM
    // would reach the whole process.
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, long(m_settings.timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, long(m_settings.timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, curlError);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_ACCEPT_ENCODING, "");
    if (!m_settings.username.isEmpty()) {
        curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
        curl_easy_setopt(curl.get(), CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        const QString why = curlError[0] != 0 ? QString::fromUtf8(curlError) : QString::fromUtf8(curl_easy_strerror(code));
        // __TRANSPORT: the registry as a whole is out of reach, whatever was
        // asked (SchemaDecoder remembers it for every id).
        return Error{RD_KAFKA_RESP_ERR__TRANSPORT,
                     QStringLiteral("cannot reach the schema registry at %1: %2").arg(m_settings.url, why)};
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

Result<RegistrySchema> SchemaRegistryClient::schemaById(int id) const
{
    if (m_settings.url.isEmpty())
        return Error::invalid(QStringLiteral("no schema registry URL is set"));
    auto response = get(QStringLiteral("/schemas/ids/%1").arg(id));
    if (!response.ok())
        return response.error();
    if (response.value().status == 404)
        return Error::invalid(QStringLiteral("schema id %1 is not in the registry at %2").arg(id).arg(m_settings.url));
    return schemaFromAnswer(response.value(), QStringLiteral("schema id %1").arg(id), id);
}

Result<RegistrySchema> SchemaRegistryClient::latestSchema(const QString &subject) const
{
    if (m_settings.url.isEmpty())
        return Error::invalid(QStringLiteral("no schema registry URL is set"));
    auto response =
        get(QStringLiteral("/subjects/%1/versions/latest").arg(QString::fromLatin1(QUrl::toPercentEncoding(subject))));
    if (!response.ok())
        return response.error();
    if (response.value().status == 404)
        return Error::invalid(QStringLiteral("subject '%1' is not in the registry at %2 (%3)")
                                  .arg(subject, m_settings.url, registryMessage(response.value().body)));
    const QJsonObject object = QJsonDocument::fromJson(response.value().body).object();
    const int id = object.value(QStringLiteral("id")).toInt(-1);
    if (response.value().status == 200 && id < 0)
        return Error::invalid(QStringLiteral("the schema registry at %1 answered for subject '%2' without a schema id")
                                  .arg(m_settings.url, subject));
    auto answered = schemaFromAnswer(response.value(), QStringLiteral("subject '%1'").arg(subject), id);
    if (!answered.ok())
        return answered;
    RegistrySchema schema = answered.value();
    schema.version = object.value(QStringLiteral("version")).toInt(-1);
    return schema;
}

Result<RegistrySchema> SchemaRegistryClient::schemaFromAnswer(const Response &answer, const QString &what, int id) const
{
    // __AUTHENTICATION: refused for every request, not for this one.
    if (answer.status == 401 || answer.status == 403)
        return Error{RD_KAFKA_RESP_ERR__AUTHENTICATION,
                     QStringLiteral("the schema registry at %1 refused the login (HTTP %2): %3")
                         .arg(m_settings.url)
                         .arg(answer.status)
                         .arg(registryMessage(answer.body))};
    if (answer.status != 200)
        return Error::invalid(QStringLiteral("the schema registry at %1 answered HTTP %2 for %3: %4")
                                  .arg(m_settings.url)
                                  .arg(answer.status)
                                  .arg(what, registryMessage(answer.body)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !object.value(QStringLiteral("schema")).isString())
        return Error::invalid(QStringLiteral("the schema registry at %1 answered for %2 with something that is "
                                             "not a schema: %3")
                                  .arg(m_settings.url, what, QString::fromUtf8(answer.body.left(200)).simplified()));

    RegistrySchema schema;
    schema.id = id;
    schema.text = object.value(QStringLiteral("schema")).toString().toUtf8();
    // The registry leaves schemaType out for Avro, its first and default type.
    const QString type = object.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
    if (type == QLatin1String("AVRO"))
        schema.type = SchemaType::Avro;
    else if (type == QLatin1String("PROTOBUF"))
        schema.type = SchemaType::Protobuf;
    else if (type == QLatin1String("JSON"))
        schema.type = SchemaType::Json;
    else
        return Error::invalid(QStringLiteral("%1 at %2 is of type %3, which Kafka Desk does not read")
                                  .arg(what, m_settings.url, type));
    if (auto err = resolveReferences(object.value(QStringLiteral("references")).toArray(), &schema, 0))
        return err;
    return schema;
}

Error SchemaRegistryClient::resolveReferences(const QJsonArray &references, RegistrySchema *schema, int depth) const
{
    if (depth > MaxReferenceDepth)
        return Error::invalid(QStringLiteral("schema id %1 at %2 has references nested deeper than %3")
                                  .arg(schema->id)
                                  .arg(m_settings.url)
                                  .arg(MaxReferenceDepth));
    for (const QJsonValue &value : references) {
        const QJsonObject reference = value.toObject();
        const QString name = reference.value(QStringLiteral("name")).toString();
        const QString subject = reference.value(QStringLiteral("subject")).toString();
        const int version = reference.value(QStringLiteral("version")).toInt(-1);
        bool known = false;
        for (const RegistrySchema::Reference &have : std::as_const(schema->references))
            known = known || have.name == name;
        if (known)
            continue;
        const QString versionText = version < 0 ? QStringLiteral("latest") : QString::number(version);
        auto response = get(QStringLiteral("/subjects/%1/versions/%2")
                                .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)), versionText));
        if (!response.ok())
            return response.error();
        const QJsonObject object = QJsonDocument::fromJson(response.value().body).object();
        if (response.value().status != 200 || !object.value(QStringLiteral("schema")).isString())
            return Error::invalid(QStringLiteral("schema id %1 at %2 references %3 (subject %4, version %5), which the "
                                                 "registry did not give (HTTP %6: %7)")
                                      .arg(schema->id)
                                      .arg(m_settings.url, name, subject, versionText)
                                      .arg(response.value().status)
                                      .arg(registryMessage(response.value().body)));
        // Its own references first, so that every file comes after its imports.
        if (auto err = resolveReferences(object.value(QStringLiteral("references")).toArray(), schema, depth + 1))
            return err;
        schema->references.append({name, object.value(QStringLiteral("schema")).toString().toUtf8()});
    }
    return {};
}

} // namespace kafka
