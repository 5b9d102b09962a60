// SPDX-License-Identifier: GPL-3.0-or-later
#include "CollectContext.h"
#include "FakeCommandRunner.h"
#include "ResultDescription.h"
#include "windows/programs/WindowsProgram.h"
#include "windows/programs/WindowsProgramsCollector.h"

#include <QCborArray>
#include <QCborMap>
#include <QFile>
#include <QTest>

using namespace steward::agent;
using steward::test::describe;
using steward::test::FakeCommandRunner;

namespace
{
QByteArray recorded(const QString &name)
{
    QFile file(QStringLiteral(COLLECTORS_FIXTURES_DIR "/windows-programs/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QString s_sid = QStringLiteral("S-1-5-21-3623811015-3361044348-30300820-1013");

WindowsProgram machine(const char *name, const char *version, const char *publisher, const char *date, const char *arch)
{
    return WindowsProgram{QString::fromUtf8(name),
                          QString::fromUtf8(version),
                          QString::fromUtf8(publisher),
                          QString::fromUtf8(date),
                          QString::fromUtf8(arch),
                          QStringLiteral("machine"),
                          QString()};
}

WindowsProgram user(const char *name, const char *version, const char *publisher, const char *date)
{
    return WindowsProgram{QString::fromUtf8(name),
                          QString::fromUtf8(version),
                          QString::fromUtf8(publisher),
                          QString::fromUtf8(date),
                          QString(),
                          QStringLiteral("user"),
                          s_sid};
}
} // namespace

class TestWindowsProgramsCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workstation();
    void singleObject();
    void emptyOutput();
    void byteOrderMarks_data();
    void byteOrderMarks();
    void unparseable_data();
    void unparseable();
    void parseInstallDate_data();
    void parseInstallDate();
    void runsPowerShell();
    void powerShellFailures_data();
    void powerShellFailures();
    void cborKeysFollowProtocol();
};

void TestWindowsProgramsCollector::workstation()
{
    const auto result = WindowsProgramsCollector::parsePrograms(recorded(QStringLiteral("workstation.json")));
    QVERIFY2(result.ok(), describe(result).constData());
    const QList<WindowsProgram> expected{
        machine("7-Zip 23.01 (x64)", "23.01", "Igor Pavlov", "", "x64"),
        // "2024/08/01" is not the registry's format: no date rather than a guess.
        machine("LibreOffice 24.2.5.2 (Deutsch – Benutzeroberfläche)",
                "24.2.5.2",
                "The Document Foundation",
                "",
                "x64"),
        // In the 32-bit view and in SYSTEM's hive: kept once, as machine-wide.
        machine("Microsoft Edge WebView2 Runtime", "130.0.2849.56", "Microsoft Corporation", "2024-10-21", "x86"),
        user("Microsoft Teams classic", "1.7.00.13456", "Microsoft Corporation", ""),
        machine("Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135",
                "14.38.33135.0",
                "Microsoft Corporation",
                "2024-01-15",
                "x86"),
        machine("Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.38.33135",
                "14.38.33135.0",
                "Microsoft Corporation",
                "2024-01-15",
                "x86"),
        machine("Mozilla Firefox (x64 de)", "131.0.3", "Mozilla", "", "x64"),
        // In both views: the 64-bit entry, completed from the 32-bit one.
        machine("Notepad++ (64-bit x64)", "8.6.9", "Notepad++ Team", "2024-07-02", "x64"),
        user("Tom's Planner Desktop", "2.0", "Tom's Planner & Co", "2023-01-01"),
        user("Zoom Workplace", "6.2.5 (50243)", "Zoom Video Communications, Inc.", "2024-10-03"),
        // InstallDate was a REG_DWORD.
        machine("অভ্র কীবোর্ড 5.6.0", "5.6.0", "OmicronLab", "2023-03-21", "x86"),
        machine("秀丸エディタ", "9.33", "斉藤秀夫", "2024-05-10", "x64"),
    };
    const QList<WindowsProgram> &programs = result.value();
    QCOMPARE(programs.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(programs.at(i) == expected.at(i), qPrintable(programs.at(i).name + u' ' + programs.at(i).installDate));
    }
}

void TestWindowsProgramsCollector::singleObject()
{
    // One entry: ConvertTo-Json prints an object, not an array.
    const auto result = WindowsProgramsCollector::parsePrograms(recorded(QStringLiteral("single-object.json")));
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.value(),
             (QList<WindowsProgram>{machine("Steward Agent", "0.1.0", "Steward", "2024-11-18", "x64")}));
}

void TestWindowsProgramsCollector::emptyOutput()
{
    const auto result = WindowsProgramsCollector::parsePrograms(recorded(QStringLiteral("empty.txt")));
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.value().size(), 0);
}

void TestWindowsProgramsCollector::byteOrderMarks_data()
{
    QTest::addColumn<QByteArray>("output");
    const QByteArray json = recorded(QStringLiteral("single-object.json"));
    QTest::newRow("utf-8 bom") << QByteArray("\xEF\xBB\xBF" + json);
    const QString text = QString::fromUtf8(json);
    QTest::newRow("utf-16le") << QByteArray("\xFF\xFE")
            + QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
}

void TestWindowsProgramsCollector::byteOrderMarks()
{
    QFETCH(QByteArray, output);
    const auto result = WindowsProgramsCollector::parsePrograms(output);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.value().size(), 1);
    QCOMPARE(result.value().first().name, QStringLiteral("Steward Agent"));
}

void TestWindowsProgramsCollector::unparseable_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("error text") << recorded(QStringLiteral("garbage.txt"));
    QTest::newRow("truncated") << recorded(QStringLiteral("truncated.json"));
    QTest::newRow("array of strings") << QByteArray(R"(["7-Zip"])");
}

void TestWindowsProgramsCollector::unparseable()
{
    QFETCH(QByteArray, output);
    QVERIFY(!output.isEmpty());
    const auto result = WindowsProgramsCollector::parsePrograms(output);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("powershell.unparseable"));
}

void TestWindowsProgramsCollector::parseInstallDate_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("registry") << QStringLiteral("20240115") << QStringLiteral("2024-01-15");
    QTest::newRow("iso") << QStringLiteral("2024-01-15") << QStringLiteral("2024-01-15");
    QTest::newRow("slashes") << QStringLiteral("2024/01/15") << QString();
    QTest::newRow("us") << QStringLiteral("1/15/2024") << QString();
    QTest::newRow("invalid day") << QStringLiteral("20240230") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestWindowsProgramsCollector::parseInstallDate()
{
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    QCOMPARE(WindowsProgramsCollector::parseInstallDate(raw), expected);
}

void TestWindowsProgramsCollector::runsPowerShell()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(recorded(QStringLiteral("workstation.json"))));
    const auto result = WindowsProgramsCollector().collectPrograms(CollectContext{QStringLiteral("C:/"), &runner});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.value().size(), 12);

    QCOMPARE(runner.calls().size(), 1);
    const FakeCommandRunner::Call &call = runner.calls().first();
    QCOMPARE(call.timeout, std::chrono::milliseconds(std::chrono::seconds(60)));
    QCOMPARE(call.args.size(), 6);
    QCOMPARE(call.args.at(4), QStringLiteral("-EncodedCommand"));
    // -EncodedCommand is base64 of UTF-16LE.
    const QByteArray utf16 = QByteArray::fromBase64(call.args.at(5).toLatin1());
    const QString script = QString::fromUtf16(reinterpret_cast<const char16_t *>(utf16.constData()), utf16.size() / 2);
    QCOMPARE(script, WindowsProgramsCollector::script());
    for (const char *part :
         {"HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*",
          "HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*",
          "Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*",
          "DisplayName, DisplayVersion, Publisher, InstallDate, SystemComponent, ParentKeyName, PSPath",
          "ConvertTo-Json -Compress"}) {
        QVERIFY2(script.contains(QLatin1String(part)), part);
    }
}

void TestWindowsProgramsCollector::powerShellFailures_data()
{
    QTest::addColumn<int>("outcome"); // 0 timeout, 1 not installed, 2 exit code
    QTest::addColumn<QString>("code");
    QTest::newRow("timeout") << 0 << QStringLiteral("powershell.timeout");
    QTest::newRow("not installed") << 1 << QStringLiteral("powershell.failed");
    QTest::newRow("exit code") << 2 << QStringLiteral("powershell.failed");
}

void TestWindowsProgramsCollector::powerShellFailures()
{
    QFETCH(int, outcome);
    QFETCH(QString, code);
    FakeCommandRunner runner;
    if (outcome == 0) {
        runner.setResult(QStringLiteral("powershell.exe"), FakeCommandRunner::timingOut());
    } else if (outcome == 2) {
        runner.setResult(QStringLiteral("powershell.exe"),
                         FakeCommandRunner::failing(1, "Execution of scripts is disabled"));
    }
    const auto result =
        WindowsProgramsCollector(std::chrono::seconds(5)).collect(CollectContext{QStringLiteral("C:/"), &runner});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
}

void TestWindowsProgramsCollector::cborKeysFollowProtocol()
{
    FakeCommandRunner runner;
    runner.setResult(QStringLiteral("powershell.exe"),
                     FakeCommandRunner::succeeding(recorded(QStringLiteral("workstation.json"))));
    WindowsProgramsCollector collector;
    QCOMPARE(collector.name(), QStringLiteral("software"));
    const auto result = collector.collect(CollectContext{QStringLiteral("C:/"), &runner});
    QVERIFY(result.ok());
    const QCborArray array = result.value().toArray();
    QCOMPARE(array.size(), 12);
    QCOMPARE(array.at(3).toMap(),
             (QCborMap{{QStringLiteral("name"), QStringLiteral("Microsoft Teams classic")},
                       {QStringLiteral("version"), QStringLiteral("1.7.00.13456")},
                       {QStringLiteral("arch"), QString()},
                       {QStringLiteral("source"), QStringLiteral("registry")},
                       {QStringLiteral("publisher"), QStringLiteral("Microsoft Corporation")},
                       {QStringLiteral("installDate"), QString()},
                       {QStringLiteral("scope"), QStringLiteral("user")},
                       {QStringLiteral("userSid"), s_sid}}));
    QCOMPARE(array.at(11).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("秀丸エディタ"));
    QCOMPARE(array.at(11).toMap().value(QStringLiteral("arch")).toString(), QStringLiteral("x64"));
    QCOMPARE(array.at(11).toMap().value(QStringLiteral("installDate")).toString(), QStringLiteral("2024-05-10"));
}

QTEST_GUILESS_MAIN(TestWindowsProgramsCollector)
#include "TestWindowsProgramsCollector.moc"
