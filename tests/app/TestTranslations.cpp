// SPDX-License-Identifier: GPL-3.0-or-later
// The console's complete translations stay complete: every message translated, none left over
// from removed code, and every placeholder (%1, %n) kept, so no French page shows English or a
// raw "%2".
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace
{
struct Message {
    QString context;
    QString source;
    QString translation; // plural forms run together: only their placeholders are checked
    QString type; // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = Message{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages << current;
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
    }
    return messages;
}

// Placeholders a translation must keep: %1…%99 and %n.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d{1,2}|n)"));
    QSet<QString> found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text)) {
        found.insert(match.captured(0));
    }
    return found;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("file");
    // Lao, Bengali and Sesotho wait for native speakers (translations/README.md).
    QTest::newRow("French") << QStringLiteral(STEWARD_TRANSLATIONS_DIR "/steward_fr.ts");
}

void TestTranslations::complete()
{
    QFETCH(QString, file);
    QString error;
    const QList<Message> messages = readTs(file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);
    QStringList problems;
    for (const Message &message : messages) {
        const QString where = message.context + QStringLiteral(": \"") + message.source.left(60) + QLatin1Char('"');
        if (!message.type.isEmpty()) {
            problems << QStringLiteral("%1 is %2").arg(where, message.type);
            continue;
        }
        const QString &translation = message.translation;
        if (translation.trimmed().isEmpty()) {
            problems << QStringLiteral("%1 has an empty translation").arg(where);
            continue;
        }
        if (placeholders(message.source) != placeholders(translation)) {
            problems << QStringLiteral("%1 does not keep its placeholders").arg(where);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
