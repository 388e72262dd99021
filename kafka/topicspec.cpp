#include "topicspec.h"

#include <QRegularExpression>
#include <QStringList>

namespace kafka {

Error TopicSpec::validate() const
{
    // Anchored as a whole: '$' alone would also accept a name that ends in "\n".
    static const QRegularExpression legal(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._-]+")));
    if (name.isEmpty())
        return Error::invalid(QStringLiteral("Enter a topic name."));
    if (name.size() > 249)
        return Error::invalid(QStringLiteral("A topic name can have at most 249 characters."));
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return Error::invalid(QStringLiteral("'%1' is not a valid topic name.").arg(name));
    if (!legal.match(name).hasMatch())
        return Error::invalid(QStringLiteral("Topic name '%1' may only contain letters, digits, '.', '_' and '-'.")
                                  .arg(name));
    if (partitions < 1)
        return Error::invalid(QStringLiteral("A topic needs at least one partition."));
    if (replicationFactor < 1)
        return Error::invalid(QStringLiteral("The replication factor must be at least 1."));
    for (qsizetype i = 0; i < configs.size(); ++i) {
        const QString &config = configs[i].first;
        if (config.trimmed().isEmpty())
            return Error::invalid(QStringLiteral("A topic config needs a name (NAME=VALUE)."));
        for (qsizetype j = 0; j < i; ++j)
            if (configs[j].first == config)
                return Error::invalid(QStringLiteral("Topic config '%1' is given twice.").arg(config));
    }
    return {};
}

Result<TopicSpec> parseTopicSpec(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool partitionsOk = false;
    bool rfOk = true;
    TopicSpec spec;
    if (parts.size() == 2 || parts.size() == 3) {
        spec.name = parts[0];
        spec.partitions = parts[1].toInt(&partitionsOk);
        if (parts.size() == 3)
            spec.replicationFactor = parts[2].toInt(&rfOk);
    }
    if (!partitionsOk || !rfOk)
        return Error::invalid(QStringLiteral("'%1' is not NAME:PARTITIONS[:RF].").arg(text));
    if (auto err = spec.validate())
        return err;
    return spec;
}

} // namespace kafka
