// SPDX-License-Identifier: GPL-3.0-or-later
#include "VersionKey.h"

namespace steward::server::groups
{

namespace
{
// The byte a character of a non-digit run becomes. Only these are ever compared with each
// other, and with kRunEnd: '~' < end of run < letters (ASCII order) < other characters.
constexpr char16_t kTilde = u'#';
constexpr char16_t kRunEnd = u'$';

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QChar mapped(QChar c)
{
    if (c == u'~') {
        return QChar(kTilde);
    }
    if ((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')) {
        return c;
    }
    switch (c.unicode()) {
    case u'+':
        return QChar(u'{');
    case u'-':
        return QChar(u'|');
    case u'.':
        return QChar(u'}');
    default:
        return QChar(u'~');
    }
}

// A run of digits: its length in two digits, then the digits without leading zeros, so that
// longer numbers sort after shorter ones and equal values encode alike.
void appendNumber(QString &key, QStringView digits)
{
    while (!digits.isEmpty() && digits.front() == u'0') {
        digits = digits.mid(1);
    }
    digits = digits.left(99);
    key += QStringLiteral("%1").arg(digits.size(), 2, 10, QLatin1Char('0'));
    key += digits;
}

// One part (upstream version or revision) as dpkg's verrevcmp walks it: a non-digit run, then a
// digit run, until the text ends. The end is one more empty run, which sorts after '~' and
// before anything else.
void appendPart(QString &key, QStringView text)
{
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && !isDigit(text.at(i))) {
            key += mapped(text.at(i));
            ++i;
        }
        key += QChar(kRunEnd);
        const qsizetype start = i;
        while (i < text.size() && isDigit(text.at(i))) {
            ++i;
        }
        appendNumber(key, text.mid(start, i - start));
    }
    key += QChar(kRunEnd);
}
} // namespace

QString versionKey(const QString &version)
{
    QStringView text = QStringView(version).trimmed();
    QStringView epoch;
    if (const qsizetype colon = text.indexOf(u':'); colon >= 0) {
        epoch = text.left(colon);
        text = text.mid(colon + 1);
    }
    QStringView revision;
    if (const qsizetype dash = text.lastIndexOf(u'-'); dash >= 0) {
        revision = text.mid(dash + 1);
        text = text.left(dash);
    }
    QString key;
    key.reserve(version.size() * 2 + 8);
    appendNumber(key, epoch);
    appendPart(key, text);
    // No revision compares as revision "0", as dpkg has it.
    appendPart(key, revision.isEmpty() ? QStringView(u"0") : revision);
    return key;
}

} // namespace steward::server::groups
