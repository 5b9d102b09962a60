// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptScanReuseFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using steward::agent::AptScanReuseFile;

namespace
{
const AptScanReuseFile sample{
    "format\tsteward-apt-scan 1\nlists\t/var/lib/apt/lists/\tdirectory 0\n",
    "steward-apt-scan 1\nP\ttzdata\t2024a-0+deb12u1\t2025b-0+deb12u1\tDebian:12.5/stable\tstable\tbookworm\t0\nE\t1\n"};

std::string local(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}
} // namespace

class TestAptScanReuseFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void formatIsAsDocumented();
    void everyTruncationIsRejected();
    void everyChangedByteIsRejected();
    void foreignDataIsRejected_data();
    void foreignDataIsRejected();
    void writeReplacesAtomicallyAndPrivately();
    void writeFailureSaysWhy();
    void readRejectsWhatIsNotAFile();
};

void TestAptScanReuseFile::roundTrip_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("scan") << QByteArray::fromStdString(sample.key) << QByteArray::fromStdString(sample.output);
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("binary, with what looks like headers")
        << QByteArray("key 3\n\0\n\xff", 9) << QByteArray("\nfnv1a64 0000000000000000\noutput 1\n");
}

void TestAptScanReuseFile::roundTrip()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, output);
    const AptScanReuseFile original{key.toStdString(), output.toStdString()};
    const std::optional<AptScanReuseFile> decoded = AptScanReuseFile::decode(original.encode());
    QVERIFY(decoded);
    QCOMPARE(decoded->key, original.key);
    QCOMPARE(decoded->output, original.output);
}

void TestAptScanReuseFile::formatIsAsDocumented()
{
    const std::string data = AptScanReuseFile{"K", "OUT"}.encode();
    const std::string body = "steward-apt-scan reuse 1\nkey 1\nK\noutput 3\nOUT\n";
    QCOMPARE(data.substr(0, body.size()), body);
    QCOMPARE(data.substr(body.size(), 8), std::string("fnv1a64 "));
    QCOMPARE(data.size(), body.size() + 8 + 16 + 1);
    QCOMPARE(data.back(), '\n');
}

void TestAptScanReuseFile::everyTruncationIsRejected()
{
    const std::string data = sample.encode();
    for (std::size_t length = 0; length < data.size(); ++length) {
        QVERIFY2(!AptScanReuseFile::decode(std::string_view(data).substr(0, length)),
                 qPrintable(QStringLiteral("accepted the first %1 bytes").arg(length)));
    }
}

// A changed byte in the output must never be reused as an answer.
void TestAptScanReuseFile::everyChangedByteIsRejected()
{
    const std::string data = sample.encode();
    for (std::size_t i = 0; i < data.size(); ++i) {
        for (const unsigned char flip : {0x01, 0x20, 0x80}) {
            std::string damaged = data;
            damaged[i] = char(static_cast<unsigned char>(damaged[i]) ^ flip);
            QVERIFY2(!AptScanReuseFile::decode(damaged),
                     qPrintable(QStringLiteral("accepted byte %1 xor %2").arg(i).arg(flip)));
        }
    }
}

void TestAptScanReuseFile::foreignDataIsRejected_data()
{
    QTest::addColumn<QByteArray>("data");
    const QByteArray valid = QByteArray::fromStdString(sample.encode());
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray::fromHex("7f454c46020101000000000000000000");
    QTest::newRow("scan output, not a reuse file") << QByteArray::fromStdString(sample.output);
    QTest::newRow("other version") << QByteArray(valid).replace("reuse 1\n", "reuse 2\n");
    QTest::newRow("data after the end") << valid + "x";
    QTest::newRow("twice") << valid + valid;
    QTest::newRow("length beyond the end")
        << QByteArray("steward-apt-scan reuse 1\nkey 99999999\nK\noutput 0\n\nfnv1a64 0000000000000000\n");
    QTest::newRow("negative length") << QByteArray("steward-apt-scan reuse 1\nkey -1\n");
}

void TestAptScanReuseFile::foreignDataIsRejected()
{
    QFETCH(QByteArray, data);
    QVERIFY(!AptScanReuseFile::decode(data.toStdString()));
}

void TestAptScanReuseFile::writeReplacesAtomicallyAndPrivately()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("apt-scan.reuse"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an older scan");
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));

    std::string error;
    QVERIFY2(sample.write(local(path), error), error.c_str());
    QVERIFY(error.empty());

    struct stat info = {};
    QCOMPARE(stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("apt-scan.reuse")}); // no temporary left behind
    const std::optional<AptScanReuseFile> read = AptScanReuseFile::read(local(path));
    QVERIFY(read);
    QCOMPARE(read->key, sample.key);
    QCOMPARE(read->output, sample.output);
}

void TestAptScanReuseFile::writeFailureSaysWhy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Below a regular file: unwritable even for root.
    const QString blocker = dir.filePath(QStringLiteral("file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    std::string error;
    QVERIFY(!sample.write(local(blocker + QStringLiteral("/apt-scan.reuse")), error));
    QVERIFY2(error.find("apt-scan.reuse") != std::string::npos, error.c_str());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("file")});
}

void TestAptScanReuseFile::readRejectsWhatIsNotAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!AptScanReuseFile::read(local(dir.path())));
    QVERIFY(!AptScanReuseFile::read(local(dir.filePath(QStringLiteral("missing")))));
}

QTEST_GUILESS_MAIN(TestAptScanReuseFile)
#include "TestAptScanReuseFile.moc"
