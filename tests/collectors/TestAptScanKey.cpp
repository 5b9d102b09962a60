// SPDX-License-Identifier: GPL-3.0-or-later
#include "AptScanKey.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using steward::agent::AptScanKey;

namespace
{
struct stat statOf(const QString &path)
{
    struct stat info = {};
    stat(QFile::encodeName(path).constData(), &info);
    return info;
}

std::int64_t ctimeNs(const QString &path)
{
    const struct stat info = statOf(path);
    return std::int64_t(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
}

// A time at which every file written so far counts as settled.
std::int64_t settledTime(const QString &path)
{
    return ctimeNs(path) + AptScanKey::CoarseSettleNs + 1;
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

std::string local(const QString &path)
{
    return QFile::encodeName(path).toStdString();
}

QStringList lines(const AptScanKey &key)
{
    return QString::fromStdString(key.text()).split(u'\n', Qt::SkipEmptyParts);
}
} // namespace

class TestAptScanKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void values();
    void fileLineIsItsStat();
    void missingFileAndDirectory();
    void directoryEntriesInNameOrder();
    void sameSizeRewriteChangesTheKey();
    void recentChangeIsNotReusable();
    void unknownInputIsNotReusable();
    void escapeCannotForgeLines();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAptScanKey::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAptScanKey::values()
{
    AptScanKey key(0);
    key.addValue("format", "steward-apt-scan 1");
    key.addValue("config", "Dir \"/\";");
    QCOMPARE(key.text(), std::string("format\tsteward-apt-scan 1\nconfig\tDir \"/\";\n"));
    QVERIFY(key.reusable());
}

void TestAptScanKey::fileLineIsItsStat()
{
    const QString path = m_dir->filePath(QStringLiteral("status"));
    QVERIFY(write(path, "Package: bash\n"));
    AptScanKey key(settledTime(path));
    key.addFile("dpkg status", local(path));

    const struct stat info = statOf(path);
    const QString expected = QStringLiteral("dpkg status\t%1\t14\t%2.%3\t%4.%5\t%6")
                                 .arg(path)
                                 .arg(info.st_mtim.tv_sec)
                                 .arg(info.st_mtim.tv_nsec, 9, 10, QLatin1Char('0'))
                                 .arg(info.st_ctim.tv_sec)
                                 .arg(info.st_ctim.tv_nsec, 9, 10, QLatin1Char('0'))
                                 .arg(info.st_ino);
    QCOMPARE(lines(key), QStringList{expected});
    QVERIFY2(key.reusable(), key.unreusableReason().c_str());
}

void TestAptScanKey::missingFileAndDirectory()
{
    AptScanKey key(0);
    key.addFile("preferences", local(m_dir->filePath(QStringLiteral("preferences"))));
    key.addDirectory("sources", local(m_dir->filePath(QStringLiteral("sources.list.d/"))));
    key.addFile("empty path", std::string());
    QCOMPARE(
        lines(key),
        QStringList({QStringLiteral("preferences\t%1\tmissing").arg(m_dir->filePath(QStringLiteral("preferences"))),
                     QStringLiteral("sources\t%1\tmissing").arg(m_dir->filePath(QStringLiteral("sources.list.d/"))),
                     QStringLiteral("empty path\t\tmissing")}));
    QVERIFY(key.reusable()); // a missing file is a fact about the inputs, not an unknown
}

void TestAptScanKey::directoryEntriesInNameOrder()
{
    const QString lists = m_dir->filePath(QStringLiteral("lists"));
    QVERIFY(QDir().mkpath(lists + QStringLiteral("/partial")));
    for (const char *name : {"b_Packages", "a_Release", "c_Packages"}) {
        QVERIFY(write(lists + u'/' + QLatin1String(name), name));
    }
    AptScanKey key(settledTime(lists + QStringLiteral("/c_Packages")));
    key.addDirectory("lists", local(lists));

    QStringList paths;
    const QStringList all = lines(key);
    QCOMPARE(all.size(), 5);
    QCOMPARE(all.at(0), QStringLiteral("lists\t%1\tdirectory 4").arg(lists));
    for (const QString &line : all.mid(1)) {
        paths.append(line.section(u'\t', 1, 1));
    }
    QCOMPARE(paths,
             QStringList({lists + QStringLiteral("/a_Release"),
                          lists + QStringLiteral("/b_Packages"),
                          lists + QStringLiteral("/c_Packages"),
                          lists + QStringLiteral("/partial")}));
}

// dpkg and an editor may rewrite a file in place to the same size: only
// the timestamps tell, and the key must carry them.
void TestAptScanKey::sameSizeRewriteChangesTheKey()
{
    const QString path = m_dir->filePath(QStringLiteral("status"));
    QVERIFY(write(path, "Version: 2024a\n"));
    AptScanKey before(0);
    before.addFile("dpkg status", local(path));
    const struct stat first = statOf(path);

    // Rewrite until the file-system clock has moved on: within one tick the
    // timestamps stay, which is why such a key is not reusable.
    const auto sameCtime = [&first](const struct stat &info) {
        return info.st_ctim.tv_sec == first.st_ctim.tv_sec && info.st_ctim.tv_nsec == first.st_ctim.tv_nsec;
    };
    for (int attempt = 0; attempt < 5000 && sameCtime(statOf(path)); ++attempt) {
        QTest::qWait(1);
        QVERIFY(write(path, "Version: 2025b\n"));
    }
    QVERIFY(!sameCtime(statOf(path)));
    AptScanKey after(0);
    after.addFile("dpkg status", local(path));
    QCOMPARE(statOf(path).st_ino, first.st_ino);
    QCOMPARE(statOf(path).st_size, first.st_size);
    QVERIFY(before.text() != after.text());
}

void TestAptScanKey::recentChangeIsNotReusable()
{
    const QString path = m_dir->filePath(QStringLiteral("sources.list"));
    QVERIFY(write(path, "deb file:/srv/mirror bookworm main\n"));
    const std::int64_t changed = ctimeNs(path);
    const std::int64_t settle =
        statOf(path).st_ctim.tv_nsec == 0 ? AptScanKey::CoarseSettleNs : AptScanKey::FineSettleNs;

    AptScanKey justChanged(changed + settle - 1);
    justChanged.addFile("sources", local(path));
    QVERIFY(!justChanged.reusable());
    QVERIFY(justChanged.unreusableReason().find(local(path)) != std::string::npos);

    AptScanKey settled(changed + settle);
    settled.addFile("sources", local(path));
    QVERIFY2(settled.reusable(), settled.unreusableReason().c_str());
    QCOMPARE(settled.text(), justChanged.text()); // same text: only reusability differs

    // The same holds for entries of a directory.
    AptScanKey directory(changed);
    directory.addDirectory("sources", local(m_dir->path()));
    QVERIFY(!directory.reusable());
}

void TestAptScanKey::unknownInputIsNotReusable()
{
    AptScanKey key(0);
    key.addUnknown("program", "/proc/self/exe cannot be read");
    QCOMPARE(key.text(), std::string("program\tunknown\n"));
    QVERIFY(!key.reusable());
}

void TestAptScanKey::escapeCannotForgeLines()
{
    QCOMPARE(AptScanKey::escape("a\tb\nc%d\x7f"), std::string("a%09b%0ac%25d%7f"));
    AptScanKey key(0);
    key.addValue("config", "x\nfile\tforged");
    QCOMPARE(lines(key).size(), 1);
}

QTEST_GUILESS_MAIN(TestAptScanKey)
#include "TestAptScanKey.moc"
