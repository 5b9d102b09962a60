// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchTerms.h"

#include <QCborArray>
#include <QRegularExpression>
#include <QSet>

namespace steward::server::search
{

namespace
{
constexpr int kMaxTermLength = 255;

// The hex digits of a MAC address in any of its spellings; empty when `text` is not one (or the
// start of one).
QString macDigits(const QString &text)
{
    static const QRegularExpression spelling(
        QStringLiteral("\\A[0-9a-fA-F]{1,4}([:.\\-][0-9a-fA-F]{1,4})*[:.\\-]?\\z"));
    if (!spelling.match(text).hasMatch()) {
        return QString();
    }
    static const QRegularExpression separators(QStringLiteral("[:.\\-]"));
    QString digits = text.toLower();
    digits.remove(separators);
    return digits.size() <= 12 ? digits : QString();
}

class Collector
{
public:
    void add(const QString &field, const QString &value, bool withParts)
    {
        const QString shown = value.trimmed().left(kMaxTermLength);
        if (shown.isEmpty()) {
            return;
        }
        const QString whole = term(shown);
        insert(field, whole, shown);
        if (withParts) {
            static const QRegularExpression separators(QStringLiteral("[-._@\\\\/ ]+"));
            const QStringList parts = whole.split(separators, Qt::SkipEmptyParts);
            // The first part is already found by the whole value's prefix.
            for (qsizetype i = 1; i < parts.size(); ++i) {
                if (parts.at(i).size() >= 2) {
                    insert(field, parts.at(i), shown);
                }
            }
        }
    }

    void addMac(const QString &mac)
    {
        const QString digits = macDigits(mac.trimmed());
        if (digits.size() == 12 && digits != QLatin1String("000000000000")) {
            insert(QStringLiteral("mac"), digits, mac.trimmed().toLower());
        }
    }

    QList<SearchTerm> terms() const
    {
        return m_terms;
    }

private:
    void insert(const QString &field, const QString &term, const QString &shown)
    {
        const QString key = field + QLatin1Char('\n') + term;
        if (!m_seen.contains(key)) {
            m_seen.insert(key);
            m_terms.append(SearchTerm{field, term, shown});
        }
    }

    QList<SearchTerm> m_terms;
    QSet<QString> m_seen;
};
} // namespace

QString term(const QString &value)
{
    return value.trimmed().left(kMaxTermLength).toLower();
}

QList<SearchTerm> searchTerms(const QString &hostname, const QCborMap &sections)
{
    Collector terms;
    const QCborMap os = sections.value(QLatin1String("os")).toMap();
    terms.add(QStringLiteral("hostname"), hostname, true);
    terms.add(QStringLiteral("hostname"), os.value(QLatin1String("hostname")).toString(), true);
    terms.add(QStringLiteral("fqdn"), os.value(QLatin1String("fqdn")).toString(), true);
    for (const QCborValue &session : os.value(QLatin1String("users")).toArray()) {
        terms.add(QStringLiteral("user"), session.toMap().value(QLatin1String("user")).toString(), true);
    }
    const QCborMap hardware = sections.value(QLatin1String("hardware")).toMap();
    terms.add(QStringLiteral("serial"), hardware.value(QLatin1String("serial")).toString(), false);
    terms.add(QStringLiteral("assetTag"), hardware.value(QLatin1String("assetTag")).toString(), false);
    const QCborMap network = sections.value(QLatin1String("network")).toMap();
    for (const QCborValue &entry : network.value(QLatin1String("interfaces")).toArray()) {
        const QCborMap interface = entry.toMap();
        if (interface.value(QLatin1String("type")).toString() == QLatin1String("loopback")) {
            continue;
        }
        for (const char *family : {"ipv4", "ipv6"}) {
            for (const QCborValue &cidr : interface.value(QLatin1String(family)).toArray()) {
                terms.add(QStringLiteral("ip"), cidr.toString().section(QLatin1Char('/'), 0, 0), false);
            }
        }
        terms.addMac(interface.value(QLatin1String("mac")).toString());
    }
    return terms.terms();
}

QList<SearchKey> searchKeys(const QString &text)
{
    const QString key = term(text);
    if (key.isEmpty()) {
        return {};
    }
    QList<SearchKey> keys{SearchKey{key, QString()}};
    const QString digits = macDigits(key);
    if (digits.size() >= 4 && digits != key) {
        keys.append(SearchKey{digits, QStringLiteral("mac")});
    }
    return keys;
}

QString prefixUpperBound(const QString &prefix)
{
    QString upper = prefix;
    while (!upper.isEmpty()) {
        const char16_t last = upper.back().unicode();
        // Bumping half of a surrogate pair, or U+FFFF, would not keep the order of the UTF-8
        // bytes the databases compare: widen the range by one character instead (callers check
        // the prefix of what the range returns).
        if (last < 0xD800 || (last > 0xDFFF && last < 0xFFFF)) {
            upper.back() = QChar(char16_t(last + 1));
            return upper;
        }
        upper.chop(1);
    }
    return QString(); // nothing is above: no upper bound
}

} // namespace steward::server::search
