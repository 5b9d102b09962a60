// SPDX-License-Identifier: GPL-3.0-or-later
// What a device can be found by, and how a search text is read (search/SearchTerms.h).
#include "search/SearchTerms.h"

#include <QCborArray>
#include <QTest>

using namespace steward::server::search;

namespace
{
QStringList termsOf(const QList<SearchTerm> &terms, const QString &field)
{
    QStringList found;
    for (const SearchTerm &term : terms) {
        if (term.field == field) {
            found.append(term.term);
        }
    }
    return found;
}

QCborMap sampleSections()
{
    const QCborMap os{{QStringLiteral("hostname"), QStringLiteral("PC-Finance-01")},
                      {QStringLiteral("fqdn"), QStringLiteral("pc-finance-01.mof.gov.ls")},
                      {QStringLiteral("users"),
                       QCborArray{QCborMap{{QStringLiteral("user"), QStringLiteral("MOF\\mpho.lerotholi")}},
                                  QCborMap{{QStringLiteral("user"), QStringLiteral("MOF\\mpho.lerotholi")}}}}};
    const QCborMap hardware{{QStringLiteral("serial"), QStringLiteral("5CG1234XYZ")},
                            {QStringLiteral("assetTag"), QStringLiteral("MOF-IT-00123")}};
    const QCborArray interfaces{
        QCborMap{{QStringLiteral("name"), QStringLiteral("lo")},
                 {QStringLiteral("type"), QStringLiteral("loopback")},
                 {QStringLiteral("mac"), QStringLiteral("00:00:00:00:00:00")},
                 {QStringLiteral("ipv4"), QCborArray{QStringLiteral("127.0.0.1/8")}}},
        QCborMap{{QStringLiteral("name"), QStringLiteral("eth0")},
                 {QStringLiteral("type"), QStringLiteral("ethernet")},
                 {QStringLiteral("mac"), QStringLiteral("3C:52:82:AB:CD:EF")},
                 {QStringLiteral("ipv4"), QCborArray{QStringLiteral("10.20.30.40/24")}},
                 {QStringLiteral("ipv6"), QCborArray{QStringLiteral("FE80::3E52:82FF:FEAB:CDEF/64")}}}};
    return QCborMap{{QStringLiteral("os"), os},
                    {QStringLiteral("hardware"), hardware},
                    {QStringLiteral("network"), QCborMap{{QStringLiteral("interfaces"), interfaces}}}};
}
} // namespace

class TestSearchTerms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void termsFromSections();
    void nothingReported();
    void keys_data();
    void keys();
    void upperBounds();
};

void TestSearchTerms::termsFromSections()
{
    const QList<SearchTerm> terms = searchTerms(QStringLiteral("pc-finance-01"), sampleSections());
    QCOMPARE(termsOf(terms, QStringLiteral("hostname")),
             (QStringList{QStringLiteral("pc-finance-01"), QStringLiteral("finance"), QStringLiteral("01")}));
    QCOMPARE(termsOf(terms, QStringLiteral("fqdn")),
             (QStringList{QStringLiteral("pc-finance-01.mof.gov.ls"),
                          QStringLiteral("finance"),
                          QStringLiteral("01"),
                          QStringLiteral("mof"),
                          QStringLiteral("gov"),
                          QStringLiteral("ls")}));
    QCOMPARE(termsOf(terms, QStringLiteral("user")),
             (QStringList{QStringLiteral("mof\\mpho.lerotholi"), QStringLiteral("mpho"), QStringLiteral("lerotholi")}));
    QCOMPARE(termsOf(terms, QStringLiteral("serial")), QStringList{QStringLiteral("5cg1234xyz")});
    QCOMPARE(termsOf(terms, QStringLiteral("assetTag")), QStringList{QStringLiteral("mof-it-00123")});
    // Loopback left out; addresses without their prefix length, lower-cased.
    QCOMPARE(termsOf(terms, QStringLiteral("ip")),
             (QStringList{QStringLiteral("10.20.30.40"), QStringLiteral("fe80::3e52:82ff:feab:cdef")}));
    QCOMPARE(termsOf(terms, QStringLiteral("mac")), QStringList{QStringLiteral("3c5282abcdef")});
    // What the answer shows is the value as reported.
    for (const SearchTerm &term : terms) {
        if (term.field == QLatin1String("user")) {
            QCOMPARE(term.shown, QStringLiteral("MOF\\mpho.lerotholi"));
        }
        if (term.field == QLatin1String("serial")) {
            QCOMPARE(term.shown, QStringLiteral("5CG1234XYZ"));
        }
    }
}

void TestSearchTerms::nothingReported()
{
    const QList<SearchTerm> terms = searchTerms(QStringLiteral("new-pc"), QCborMap());
    QCOMPARE(terms.size(), 2);
    QCOMPARE(termsOf(terms, QStringLiteral("hostname")), (QStringList{QStringLiteral("new-pc"), QStringLiteral("pc")}));
    QVERIFY(searchTerms(QString(), QCborMap()).isEmpty());
}

void TestSearchTerms::keys_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keys"); // "term" or "term@field"

    QTest::newRow("name") << QStringLiteral("  PC-Finance ") << QStringList{QStringLiteral("pc-finance")};
    QTest::newRow("colons") << QStringLiteral("3C:52:82:AB")
                            << QStringList{QStringLiteral("3c:52:82:ab"), QStringLiteral("3c5282ab@mac")};
    QTest::newRow("dashes") << QStringLiteral("3c-52-82-ab-cd-ef")
                            << QStringList{QStringLiteral("3c-52-82-ab-cd-ef"), QStringLiteral("3c5282abcdef@mac")};
    QTest::newRow("cisco dots") << QStringLiteral("3c52.82ab.cdef")
                                << QStringList{QStringLiteral("3c52.82ab.cdef"), QStringLiteral("3c5282abcdef@mac")};
    QTest::newRow("bare hex: already the term") << QStringLiteral("3c5282") << QStringList{QStringLiteral("3c5282")};
    QTest::newRow("an IPv4 address is tried as a MAC too, harmlessly")
        << QStringLiteral("10.20.30.40") << QStringList{QStringLiteral("10.20.30.40"), QStringLiteral("10203040@mac")};
    QTest::newRow("too short for a MAC") << QStringLiteral("ab:c") << QStringList{QStringLiteral("ab:c")};
    QTest::newRow("too long for a MAC") << QStringLiteral("3c:52:82:ab:cd:ef:01")
                                        << QStringList{QStringLiteral("3c:52:82:ab:cd:ef:01")};
    QTest::newRow("blank") << QStringLiteral("   ") << QStringList();
}

void TestSearchTerms::keys()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keys);
    QStringList found;
    for (const SearchKey &key : searchKeys(text)) {
        found.append(key.field.isEmpty() ? key.term : key.term + QLatin1Char('@') + key.field);
    }
    QCOMPARE(found, keys);
}

void TestSearchTerms::upperBounds()
{
    QCOMPARE(prefixUpperBound(QStringLiteral("abc")), QStringLiteral("abd"));
    QCOMPARE(prefixUpperBound(QStringLiteral("10.1.")), QStringLiteral("10.1/"));
    QCOMPARE(prefixUpperBound(QString(QChar(0xFFFF))), QString());
    // After a character outside the BMP the range widens to the characters before it.
    const QString emoji = QStringLiteral("a") + QString::fromUcs4(U"\U0001F600");
    QCOMPARE(prefixUpperBound(emoji), QStringLiteral("b"));
}

QTEST_GUILESS_MAIN(TestSearchTerms)
#include "TestSearchTerms.moc"
