// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/JobEnvelope.h"
#include "jobs/MaintenanceWindow.h"

#include <QCborArray>
#include <QTest>
#include <QTimeZone>

using namespace steward;
using namespace steward::jobs;

namespace
{
using Days = QList<Qt::DayOfWeek>;
using Recurrence = MaintenanceWindow::Recurrence;

const QTimeZone &paris()
{
    static const QTimeZone zone(QByteArrayLiteral("Europe/Paris"));
    return zone;
}

// "2024-06-08 22:00" on the clocks of Paris.
QDateTime inParis(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(' '));
    return QDateTime(QDate::fromString(parts.at(0), Qt::ISODate), QTime::fromString(parts.at(1), Qt::ISODate), paris());
}

QDateTime utc(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

QList<MaintenanceWindow> windows(const QStringList &texts)
{
    QList<MaintenanceWindow> result;
    for (const QString &text : texts) {
        Result<MaintenanceWindow> window = MaintenanceWindow::parse(text);
        if (!window) {
            qFatal("test window %s does not parse: %s", qPrintable(text), qPrintable(window.error().message));
        }
        result.append(window.value());
    }
    return result;
}

MaintenanceWindow window(const QString &text)
{
    return windows({text}).first();
}
}

class TestMaintenanceWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parse_data();
    void parse();
    void parseRefuses_data();
    void parseRefuses();

    void cborShape();
    void cborRoundTrip_data();
    void cborRoundTrip();
    void cborMalformed_data();
    void cborMalformed();
    void windowList();
    void windowsTravelSignedInOptions();

    void isOpen_data();
    void isOpen();
    void emptyListIsAlwaysOpen();
    void invalidWindowsNeverOpen();
    void otherTimeSpecs();
    void nextOpening_data();
    void nextOpening();
    void currentClosing_data();
    void currentClosing();

    void dstStartInSkippedHourOpensAtTheJump();
    void dstNightWindowKeepsItsClockEnd();
    void dstRepeatedHourOpensOnce();
    void dstWindowInsideSkippedHourIsKept();
};

void TestMaintenanceWindow::initTestCase()
{
    QVERIFY2(paris().isValid(), "the Europe/Paris zone is needed (tzdata)");
    // The DST cases below rely on the 2024 transitions of Paris.
    QCOMPARE(paris().offsetFromUtc(utc(QStringLiteral("2024-03-31T00:59:00Z"))), 3600);
    QCOMPARE(paris().offsetFromUtc(utc(QStringLiteral("2024-03-31T01:00:00Z"))), 7200);
    QCOMPARE(paris().offsetFromUtc(utc(QStringLiteral("2024-10-27T01:00:00Z"))), 3600);
}

void TestMaintenanceWindow::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Days>("days");
    QTest::addColumn<QTime>("start");
    QTest::addColumn<int>("duration");
    QTest::addColumn<int>("nth"); // 0: weekly
    QTest::addColumn<QString>("canonical");

    const Days weekdays{Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday};
    const Days everyDay = weekdays + Days{Qt::Saturday, Qt::Sunday};
    QTest::newRow("across midnight") << "Sat 22:00-04:00" << Days{Qt::Saturday} << QTime(22, 0) << 360 << 0
                                     << "Sat 22:00-04:00";
    QTest::newRow("day range") << "Mon-Fri 20:00-06:00" << weekdays << QTime(20, 0) << 600 << 0
                               << "Mon-Fri 20:00-06:00";
    QTest::newRow("list and duration, sorted")
        << "Sun,Wed 01:00+3h" << Days{Qt::Wednesday, Qt::Sunday} << QTime(1, 0) << 180 << 0 << "Wed,Sun 01:00-04:00";
    QTest::newRow("daily") << "daily 02:00-05:00" << everyDay << QTime(2, 0) << 180 << 0 << "daily 02:00-05:00";
    QTest::newRow("loose spacing and case")
        << "  sat   22:00 -  04:00 " << Days{Qt::Saturday} << QTime(22, 0) << 360 << 0 << "Sat 22:00-04:00";
    QTest::newRow("spaces in a list") << "Sun , Wed 01:00 + 3h" << Days{Qt::Wednesday, Qt::Sunday} << QTime(1, 0) << 180
                                      << 0 << "Wed,Sun 01:00-04:00";
    QTest::newRow("wrapping range, hours and minutes")
        << "Fri-Mon 23:30+1h30m" << Days{Qt::Monday, Qt::Friday, Qt::Saturday, Qt::Sunday} << QTime(23, 30) << 90 << 0
        << "Mon,Fri-Sun 23:30-01:00";
    QTest::newRow("weekends, end at 24:00")
        << "weekends 00:00-24:00" << Days{Qt::Saturday, Qt::Sunday} << QTime(0, 0) << 1440 << 0 << "Sat,Sun 00:00+24h";
    QTest::newRow("ends at midnight") << "Fri 20:00-00:00" << Days{Qt::Friday} << QTime(20, 0) << 240 << 0
                                      << "Fri 20:00-00:00";
    QTest::newRow("full name, one-digit hour, a week")
        << "Saturday 7:05+7d" << Days{Qt::Saturday} << QTime(7, 5) << 7 * 24 * 60 << 0 << "Sat 07:05+168h";
    QTest::newRow("minutes") << "Mon,Tue 10:00+90m" << Days{Qt::Monday, Qt::Tuesday} << QTime(10, 0) << 90 << 0
                             << "Mon,Tue 10:00-11:30";
    QTest::newRow("over a day") << "weekdays,Sun 12:00+25h5m" << Days{weekdays + Days{Qt::Sunday}} << QTime(12, 0)
                                << 25 * 60 + 5 << 0 << "Mon-Fri,Sun 12:00+25h5m";
    QTest::newRow("a day named twice") << "Mon,mon 01:00-02:00" << Days{Qt::Monday} << QTime(1, 0) << 60 << 0
                                       << "Mon 01:00-02:00";
    QTest::newRow("two-day run stays a list")
        << "Tue-Wed 01:00-02:00" << Days{Qt::Tuesday, Qt::Wednesday} << QTime(1, 0) << 60 << 0 << "Tue,Wed 01:00-02:00";
    QTest::newRow("monthly nth") << "2nd Tue 22:00-02:00" << Days{Qt::Tuesday} << QTime(22, 0) << 240 << 2
                                 << "2nd Tue 22:00-02:00";
    QTest::newRow("monthly last") << "LAST sun 03:00+2h" << Days{Qt::Sunday} << QTime(3, 0) << 120 << -1
                                  << "last Sun 03:00-05:00";
}

void TestMaintenanceWindow::parse()
{
    QFETCH(QString, text);
    QFETCH(Days, days);
    QFETCH(QTime, start);
    QFETCH(int, duration);
    QFETCH(int, nth);
    QFETCH(QString, canonical);

    const Result<MaintenanceWindow> parsed = MaintenanceWindow::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const MaintenanceWindow &window = parsed.value();
    QCOMPARE(window.days, days);
    QCOMPARE(window.start, start);
    QCOMPARE(window.durationMinutes, duration);
    QCOMPARE(window.recurrence, nth == 0 ? Recurrence::Weekly : Recurrence::MonthlyNth);
    QCOMPARE(window.nth, nth);
    QVERIFY(window.isValid());
    QCOMPARE(window.toString(), canonical);

    const Result<MaintenanceWindow> again = MaintenanceWindow::parse(window.toString());
    QVERIFY(again.ok());
    QVERIFY(again.value() == window);
}

void TestMaintenanceWindow::parseRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named"); // what the message must name

    QTest::newRow("empty") << ""
                           << "expected";
    QTest::newRow("days only") << "Sat"
                               << "expected";
    QTest::newRow("too many parts") << "1st Mon Tue 01:00-02:00"
                                    << "expected";
    QTest::newRow("no end") << "Sat 22:00"
                            << "\"22:00\" needs an end";
    QTest::newRow("unknown day") << "Sut 22:00-04:00"
                                 << "\"Sut\"";
    QTest::newRow("unknown day in a range") << "Mon-Fro 22:00-04:00"
                                            << "\"Fro\"";
    QTest::newRow("empty list item") << "Mon,,Tue 01:00-02:00"
                                     << "is not a day";
    QTest::newRow("one-day range") << "Mon-Mon 01:00-02:00"
                                   << "\"Mon-Mon\"";
    QTest::newRow("three-part range") << "Mon-Wed-Fri 01:00-02:00"
                                      << "\"Mon-Wed-Fri\"";
    QTest::newRow("hour 25") << "Sat 25:00-04:00"
                             << "\"25:00\"";
    QTest::newRow("start at 24:00") << "Sat 24:00-02:00"
                                    << "\"24:00\"";
    QTest::newRow("minute 60") << "Sat 22:00-04:60"
                               << "\"04:60\"";
    QTest::newRow("no colon") << "Sat 2200-0400"
                              << "\"2200\"";
    QTest::newRow("ends when it starts") << "Sat 22:00-22:00"
                                         << "+24h";
    QTest::newRow("zero duration") << "Sat 22:00+0h"
                                   << "\"0h\"";
    QTest::newRow("over a week") << "Sat 22:00+169h"
                                 << "\"169h\"";
    QTest::newRow("unknown unit") << "Sat 22:00+3x"
                                  << "\"3x\"";
    QTest::newRow("empty duration") << "Sat 22:00+"
                                    << "is not a duration";
    QTest::newRow("fifth") << "5th Mon 01:00-02:00"
                           << "\"5th\"";
    QTest::newRow("too long") << QString(201, QLatin1Char('a')) << "longer than 200";
}

void TestMaintenanceWindow::parseRefuses()
{
    QFETCH(QString, text);
    QFETCH(QString, named);

    const Result<MaintenanceWindow> parsed = MaintenanceWindow::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("window.invalid"));
    QVERIFY2(parsed.error().message.contains(named), qPrintable(parsed.error().message));
}

void TestMaintenanceWindow::cborShape()
{
    QCborMap weekly;
    weekly.insert(QStringLiteral("recurrence"), QStringLiteral("weekly"));
    weekly.insert(QStringLiteral("days"), QCborArray{3, 7});
    weekly.insert(QStringLiteral("start"), 60);
    weekly.insert(QStringLiteral("duration"), 180);
    QCOMPARE(window(QStringLiteral("Sun,Wed 01:00+3h")).toCbor(), weekly);

    QCborMap monthly;
    monthly.insert(QStringLiteral("recurrence"), QStringLiteral("monthly"));
    monthly.insert(QStringLiteral("nth"), -1);
    monthly.insert(QStringLiteral("days"), QCborArray{7});
    monthly.insert(QStringLiteral("start"), 22 * 60 + 30);
    monthly.insert(QStringLiteral("duration"), 360);
    QCOMPARE(window(QStringLiteral("last Sun 22:30+6h")).toCbor(), monthly);

    // A window built by hand with its days out of order and twice still encodes canonically.
    MaintenanceWindow byHand;
    byHand.days = {Qt::Sunday, Qt::Wednesday, Qt::Sunday};
    byHand.start = QTime(1, 0, 59);
    byHand.durationMinutes = 180;
    QVERIFY(!byHand.isValid());
    QCOMPARE(byHand.toCbor(), weekly);
}

void TestMaintenanceWindow::cborRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("weekly") << "Mon-Fri 20:00-06:00";
    QTest::newRow("daily a week long") << "daily 00:00+168h";
    QTest::newRow("monthly") << "1st Mon,Thu 23:59+1m";
    QTest::newRow("last") << "last Sat 00:00-24:00";
}

void TestMaintenanceWindow::cborRoundTrip()
{
    QFETCH(QString, text);
    const MaintenanceWindow original = window(text);
    const QByteArray bytes = QCborValue(original.toCbor()).toCbor();
    const Result<MaintenanceWindow> decoded = MaintenanceWindow::fromCbor(QCborValue::fromCbor(bytes).toMap());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QVERIFY(decoded.value() == original);
    QCOMPARE(decoded.value().toString(), original.toString());
}

void TestMaintenanceWindow::cborMalformed_data()
{
    QTest::addColumn<QCborMap>("map");

    const QCborMap weekly = window(QStringLiteral("Sun,Wed 01:00+3h")).toCbor();
    const QCborMap monthly = window(QStringLiteral("2nd Tue 22:00-02:00")).toCbor();
    const auto with = [](QCborMap map, const QString &key, const QCborValue &value) {
        map.insert(key, value);
        return map;
    };
    const auto without = [](QCborMap map, const QString &key) {
        map.remove(key);
        return map;
    };
    QTest::newRow("empty") << QCborMap();
    QTest::newRow("no recurrence") << without(weekly, QStringLiteral("recurrence"));
    QTest::newRow("unknown recurrence") << with(weekly, QStringLiteral("recurrence"), QStringLiteral("yearly"));
    QTest::newRow("recurrence not text") << with(weekly, QStringLiteral("recurrence"), 1);
    QTest::newRow("no days") << without(weekly, QStringLiteral("days"));
    QTest::newRow("no start") << without(weekly, QStringLiteral("start"));
    QTest::newRow("no duration") << without(weekly, QStringLiteral("duration"));
    QTest::newRow("surplus key") << with(weekly, QStringLiteral("end"), 240);
    QTest::newRow("weekly with nth") << with(weekly, QStringLiteral("nth"), 1);
    QTest::newRow("monthly without nth") << without(monthly, QStringLiteral("nth"));
    QTest::newRow("nth 0") << with(monthly, QStringLiteral("nth"), 0);
    QTest::newRow("nth 5") << with(monthly, QStringLiteral("nth"), 5);
    QTest::newRow("nth -2") << with(monthly, QStringLiteral("nth"), -2);
    QTest::newRow("days empty") << with(weekly, QStringLiteral("days"), QCborArray());
    QTest::newRow("days not an array") << with(weekly, QStringLiteral("days"), 3);
    QTest::newRow("days descending") << with(weekly, QStringLiteral("days"), QCborArray{7, 3});
    QTest::newRow("day twice") << with(weekly, QStringLiteral("days"), QCborArray{3, 3});
    QTest::newRow("day 0") << with(weekly, QStringLiteral("days"), QCborArray{0, 3});
    QTest::newRow("day 8") << with(weekly, QStringLiteral("days"), QCborArray{3, 8});
    QTest::newRow("day as text") << with(weekly, QStringLiteral("days"), QCborArray{QStringLiteral("Wed")});
    QTest::newRow("eight days") << with(weekly, QStringLiteral("days"), QCborArray{1, 2, 3, 4, 5, 6, 7, 7});
    QTest::newRow("start negative") << with(weekly, QStringLiteral("start"), -1);
    QTest::newRow("start 24:00") << with(weekly, QStringLiteral("start"), 1440);
    QTest::newRow("start as text") << with(weekly, QStringLiteral("start"), QStringLiteral("01:00"));
    QTest::newRow("start as float") << with(weekly, QStringLiteral("start"), 60.0);
    QTest::newRow("duration 0") << with(weekly, QStringLiteral("duration"), 0);
    QTest::newRow("duration over a week") << with(weekly, QStringLiteral("duration"), 7 * 24 * 60 + 1);
}

void TestMaintenanceWindow::cborMalformed()
{
    QFETCH(QCborMap, map);
    const Result<MaintenanceWindow> decoded = MaintenanceWindow::fromCbor(map);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("job.malformed"));
}

void TestMaintenanceWindow::windowList()
{
    const QList<MaintenanceWindow> list =
        windows({QStringLiteral("Sat 22:00-04:00"), QStringLiteral("3rd Wed 01:00+3h")});
    const QCborArray array = windowsToCbor(list);
    QCOMPARE(array.size(), 2);
    const Result<QList<MaintenanceWindow>> decoded = windowsFromCbor(QCborValue::fromCbor(QCborValue(array).toCbor()));
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value() == list);

    const Result<QList<MaintenanceWindow>> absent = windowsFromCbor(QCborValue());
    QVERIFY(absent.ok());
    QVERIFY(absent.value().isEmpty());
    const Result<QList<MaintenanceWindow>> empty = windowsFromCbor(windowsToCbor({}));
    QVERIFY(empty.ok());
    QVERIFY(empty.value().isEmpty());

    QCOMPARE(windowsFromCbor(QCborValue(QCborValue::Null)).error().code, QStringLiteral("job.malformed"));
    QCOMPARE(windowsFromCbor(QCborValue(QStringLiteral("Sat 22:00-04:00"))).error().code,
             QStringLiteral("job.malformed"));
    QCOMPARE(windowsFromCbor(QCborMap()).error().code, QStringLiteral("job.malformed"));
    QCborArray withBadItem = array;
    withBadItem.append(42);
    QCOMPARE(windowsFromCbor(withBadItem).error().code, QStringLiteral("job.malformed"));
    QCborArray withMalformedWindow = array;
    QCborMap broken = list.first().toCbor();
    broken.insert(QStringLiteral("duration"), 0);
    withMalformedWindow.append(broken);
    QCOMPARE(windowsFromCbor(withMalformedWindow).error().code, QStringLiteral("job.malformed"));

    QList<MaintenanceWindow> many;
    for (qsizetype i = 0; i < kMaxWindows; ++i) {
        many.append(list.first());
    }
    QVERIFY(windowsFromCbor(windowsToCbor(many)).ok());
    many.append(list.first());
    QCOMPARE(windowsFromCbor(windowsToCbor(many)).error().code, QStringLiteral("job.malformed"));
}

void TestMaintenanceWindow::windowsTravelSignedInOptions()
{
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Mon-Fri 20:00-06:00")});
    JobEnvelope envelope;
    envelope.id = QStringLiteral("0d6f7f4e-52a4-4a4f-9d55-3c8a41f2d6b1");
    envelope.kind = QStringLiteral("patch");
    envelope.targetsRoot = QByteArray(32, 'r');
    envelope.targetCount = 1;
    envelope.notBefore = utc(QStringLiteral("2024-06-01T00:00:00Z"));
    envelope.expiresAt = envelope.notBefore.addDays(30);
    envelope.issuedAt = envelope.notBefore;
    envelope.signer = QString(64, QLatin1Char('a'));
    envelope.options.insert(QStringLiteral("reboot"), QStringLiteral("never"));
    envelope.options.insert(QStringLiteral("windows"), windowsToCbor(list));

    const Result<JobEnvelope> decoded = JobEnvelope::decode(envelope.encode());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const Result<QList<MaintenanceWindow>> read =
        windowsFromCbor(decoded.value().options.value(QStringLiteral("windows")));
    QVERIFY(read.ok());
    QVERIFY(read.value() == list);
    // Options without the key: no windows, always open.
    const Result<QList<MaintenanceWindow>> none = windowsFromCbor(QCborMap().value(QStringLiteral("windows")));
    QVERIFY(none.ok());
    QVERIFY(none.value().isEmpty());
}

void TestMaintenanceWindow::isOpen_data()
{
    QTest::addColumn<QStringList>("windows");
    QTest::addColumn<QString>("now"); // Paris clock; June 2024: no DST change, Mon 3 .. Sun 9
    QTest::addColumn<bool>("open");

    const QStringList saturdayNight{QStringLiteral("Sat 22:00-04:00")};
    QTest::newRow("before the start") << saturdayNight << "2024-06-08 21:59" << false;
    QTest::newRow("at the start") << saturdayNight << "2024-06-08 22:00" << true;
    QTest::newRow("after midnight") << saturdayNight << "2024-06-09 03:59" << true;
    QTest::newRow("at the end (excluded)") << saturdayNight << "2024-06-09 04:00" << false;
    QTest::newRow("the night before") << saturdayNight << "2024-06-07 23:00" << false;
    QTest::newRow("a second before the end") << saturdayNight << "2024-06-09 03:59:59" << true;

    const QStringList sundayLate{QStringLiteral("Sun 23:00+3h")};
    QTest::newRow("across the week's end") << sundayLate << "2024-06-10 01:00" << true;
    QTest::newRow("across the week's end, first Monday") << sundayLate << "2024-06-03 01:59" << true;
    QTest::newRow("after the week's end") << sundayLate << "2024-06-10 02:00" << false;
    QTest::newRow("Sunday before") << sundayLate << "2024-06-09 22:59" << false;

    const QStringList weeknights{QStringLiteral("Mon-Fri 20:00-06:00")};
    QTest::newRow("Friday's night on Saturday") << weeknights << "2024-06-08 05:59" << true;
    QTest::newRow("Saturday evening") << weeknights << "2024-06-08 20:00" << false;
    QTest::newRow("Monday morning (Sunday starts none)") << weeknights << "2024-06-10 05:00" << false;
    QTest::newRow("Tuesday morning") << weeknights << "2024-06-04 05:00" << true;
    QTest::newRow("Wednesday noon") << weeknights << "2024-06-05 12:00" << false;

    const QStringList two{QStringLiteral("daily 02:00-05:00"), QStringLiteral("Sat 22:00-04:00")};
    QTest::newRow("either: the second") << two << "2024-06-08 23:00" << true;
    QTest::newRow("either: the first") << two << "2024-06-05 03:00" << true;
    QTest::newRow("neither") << two << "2024-06-05 06:00" << false;

    const QStringList wholeWeek{QStringLiteral("Sat 07:05+7d")};
    QTest::newRow("a week: just before it restarts") << wholeWeek << "2024-06-08 07:04" << true;
    QTest::newRow("a week: Wednesday") << wholeWeek << "2024-06-05 12:00" << true;

    const QStringList patchTuesday{QStringLiteral("2nd Tue 22:00-02:00")};
    QTest::newRow("2nd Tuesday") << patchTuesday << "2024-06-11 23:00" << true;
    QTest::newRow("2nd Tuesday, past midnight") << patchTuesday << "2024-06-12 01:59" << true;
    QTest::newRow("1st Tuesday") << patchTuesday << "2024-06-04 23:00" << false;
    QTest::newRow("3rd Tuesday") << patchTuesday << "2024-06-18 23:00" << false;
    QTest::newRow("2nd Tuesday of July") << patchTuesday << "2024-07-09 22:30" << true;

    const QStringList lastSunday{QStringLiteral("last Sun 03:00+2h")};
    QTest::newRow("last of five Sundays") << lastSunday << "2024-06-30 04:00" << true;
    QTest::newRow("fourth of five Sundays") << lastSunday << "2024-06-23 04:00" << false;
    QTest::newRow("last of four Sundays") << lastSunday << "2024-07-28 04:00" << true;
    QTest::newRow("4th Sunday") << QStringList{QStringLiteral("4th Sun 03:00+2h")} << "2024-06-23 04:00" << true;
}

void TestMaintenanceWindow::isOpen()
{
    QFETCH(QStringList, windows);
    QFETCH(QString, now);
    QFETCH(bool, open);
    QCOMPARE(jobs::isOpen(::windows(windows), inParis(now)), open);
}

void TestMaintenanceWindow::emptyListIsAlwaysOpen()
{
    const QDateTime now = inParis(QStringLiteral("2024-06-05 12:00"));
    QVERIFY(jobs::isOpen({}, now));
    QVERIFY(!jobs::nextOpening({}, now).isValid());
    QVERIFY(!jobs::currentClosing({}, now).isValid());
}

void TestMaintenanceWindow::invalidWindowsNeverOpen()
{
    MaintenanceWindow noDays;
    noDays.start = QTime(0, 0);
    noDays.durationMinutes = 60;
    MaintenanceWindow noDuration = window(QStringLiteral("daily 00:00+24h"));
    noDuration.durationMinutes = 0;
    MaintenanceWindow weeklyWithNth = window(QStringLiteral("daily 00:00+24h"));
    weeklyWithNth.nth = 2;
    for (const MaintenanceWindow &invalid : {noDays, noDuration, weeklyWithNth}) {
        QVERIFY(!invalid.isValid());
        const QDateTime now = inParis(QStringLiteral("2024-06-05 12:00"));
        QVERIFY(!jobs::isOpen({invalid}, now));
        QVERIFY(!jobs::nextOpening({invalid}, now).isValid());
        QVERIFY(!jobs::currentClosing({invalid}, now).isValid());
    }
}

void TestMaintenanceWindow::otherTimeSpecs()
{
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Sat 22:00-04:00")});
    // The same clock reading in other specs: the windows are read on that clock.
    const QDateTime inUtc(QDate(2024, 6, 8), QTime(22, 30), Qt::UTC);
    const QDateTime withOffset(QDate(2024, 6, 8), QTime(22, 30), Qt::OffsetFromUTC, -5 * 3600);
    const QDateTime local(QDate(2024, 6, 8), QTime(22, 30), Qt::LocalTime);
    for (const QDateTime &now : {inUtc, withOffset, local}) {
        QVERIFY(jobs::isOpen(list, now));
        QVERIFY(!jobs::isOpen(list, now.addSecs(-3600)));
        const QDateTime closing = jobs::currentClosing(list, now);
        QCOMPARE(closing.timeSpec(), now.timeSpec());
        QCOMPARE(closing.date(), QDate(2024, 6, 9));
        QCOMPARE(closing.time(), QTime(4, 0));
        const QDateTime opening = jobs::nextOpening(list, now.addDays(1));
        QCOMPARE(opening.timeSpec(), now.timeSpec());
        QCOMPARE(opening.date(), QDate(2024, 6, 15));
        QCOMPARE(opening.time(), QTime(22, 0));
    }
    // The zone is the caller's: 22:30 in New York is 04:30 in Paris, Sunday, closed there.
    const QDateTime newYork(QDate(2024, 6, 8), QTime(22, 30), QTimeZone(QByteArrayLiteral("America/New_York")));
    QVERIFY(jobs::isOpen(list, newYork));
    QVERIFY(!jobs::isOpen(list, newYork.toTimeZone(paris())));
}

void TestMaintenanceWindow::nextOpening_data()
{
    QTest::addColumn<QStringList>("windows");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("expected");

    const QStringList saturdayNight{QStringLiteral("Sat 22:00-04:00")};
    QTest::newRow("open now: now") << saturdayNight << "2024-06-09 01:00:30"
                                   << "2024-06-09 01:00:30";
    QTest::newRow("later today") << saturdayNight << "2024-06-08 12:00"
                                 << "2024-06-08 22:00";
    QTest::newRow("at the end: next week") << saturdayNight << "2024-06-09 04:00"
                                           << "2024-06-15 22:00";
    QTest::newRow("exactly at the start") << saturdayNight << "2024-06-08 22:00"
                                          << "2024-06-08 22:00";
    const QStringList two{QStringLiteral("Wed 01:00+1h"), QStringLiteral("Sun 23:00+3h")};
    QTest::newRow("the earlier of two") << two << "2024-06-03 02:00"
                                        << "2024-06-05 01:00";
    QTest::newRow("across the week's end") << two << "2024-06-06 00:00"
                                           << "2024-06-09 23:00";
    QTest::newRow("monthly, next month") << QStringList{QStringLiteral("1st Mon 03:00-04:00")} << "2024-06-03 05:00"
                                         << "2024-07-01 03:00";
    QTest::newRow("last, five weeks away") << QStringList{QStringLiteral("last Fri 03:00-04:00")} << "2024-05-31 05:00"
                                           << "2024-06-28 03:00";
}

void TestMaintenanceWindow::nextOpening()
{
    QFETCH(QStringList, windows);
    QFETCH(QString, now);
    QFETCH(QString, expected);
    const QDateTime opening = jobs::nextOpening(::windows(windows), inParis(now));
    QCOMPARE(opening, inParis(expected));
    QCOMPARE(opening.timeZone(), paris());
}

void TestMaintenanceWindow::currentClosing_data()
{
    QTest::addColumn<QStringList>("windows");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("expected"); // empty: none open

    const QStringList saturdayNight{QStringLiteral("Sat 22:00-04:00")};
    QTest::newRow("open") << saturdayNight << "2024-06-08 23:00"
                          << "2024-06-09 04:00";
    QTest::newRow("closed") << saturdayNight << "2024-06-09 04:00"
                            << "";
    QTest::newRow("across the week's end") << QStringList{QStringLiteral("Sun 23:00+3h")} << "2024-06-09 23:30"
                                           << "2024-06-10 02:00";
    QTest::newRow("overlapping windows merge")
        << QStringList{QStringLiteral("Sat 22:00-04:00"), QStringLiteral("Sun 03:00-05:00")} << "2024-06-08 23:00"
        << "2024-06-09 05:00";
    QTest::newRow("back-to-back windows merge")
        << QStringList{QStringLiteral("Sat 22:00-04:00"), QStringLiteral("Sun 04:00-06:00")} << "2024-06-08 23:00"
        << "2024-06-09 06:00";
    QTest::newRow("a later window does not")
        << QStringList{QStringLiteral("Sat 22:00-04:00"), QStringLiteral("Sun 04:01-06:00")} << "2024-06-08 23:00"
        << "2024-06-09 04:00";
    QTest::newRow("inside the longer of two")
        << QStringList{QStringLiteral("Sat 20:00+10h"), QStringLiteral("Sat 22:00-23:00")} << "2024-06-08 22:30"
        << "2024-06-09 06:00";
    QTest::newRow("chained nights") << QStringList{QStringLiteral("daily 20:00+24h")} << "2024-06-05 12:00"
                                    << "2024-08-06 12:00"; // never closes: 62 days on
    QTest::newRow("weeknights chain until Saturday")
        << QStringList{QStringLiteral("Mon-Fri 00:00+24h")} << "2024-06-04 12:00"
        << "2024-06-08 00:00";
}

void TestMaintenanceWindow::currentClosing()
{
    QFETCH(QStringList, windows);
    QFETCH(QString, now);
    QFETCH(QString, expected);
    const QDateTime closing = jobs::currentClosing(::windows(windows), inParis(now));
    if (expected.isEmpty()) {
        QVERIFY(!closing.isValid());
        QVERIFY(!jobs::isOpen(::windows(windows), inParis(now)));
        return;
    }
    QCOMPARE(closing, inParis(expected));
    QVERIFY(jobs::isOpen(::windows(windows), inParis(now)));
    QVERIFY(jobs::isOpen(::windows(windows), closing.addSecs(-1)) || expected == QLatin1String("2024-08-06 12:00"));
}

void TestMaintenanceWindow::dstStartInSkippedHourOpensAtTheJump()
{
    // 2024-03-31, Paris: the clock goes from 01:59:59 CET to 03:00 CEST (01:00 UTC); 02:30 never happens.
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Sun 02:30+1h")});
    const QDateTime jump = utc(QStringLiteral("2024-03-31T01:00:00Z"));
    QCOMPARE(jobs::nextOpening(list, inParis(QStringLiteral("2024-03-31 01:00"))), jump);
    QCOMPARE(jobs::nextOpening(list, inParis(QStringLiteral("2024-03-31 01:00"))).time(), QTime(3, 0));
    QVERIFY(!jobs::isOpen(list, jump.addSecs(-1).toTimeZone(paris())));
    QVERIFY(jobs::isOpen(list, jump.toTimeZone(paris())));
    // It closes at 03:30 on the clock, as every Sunday: half an hour after the jump.
    QCOMPARE(jobs::currentClosing(list, inParis(QStringLiteral("2024-03-31 03:10"))),
             inParis(QStringLiteral("2024-03-31 03:30")));
    QCOMPARE(jobs::currentClosing(list, inParis(QStringLiteral("2024-03-31 03:10"))).toUTC(),
             utc(QStringLiteral("2024-03-31T01:30:00Z")));
    // The Sunday after, an ordinary one.
    QCOMPARE(jobs::nextOpening(list, inParis(QStringLiteral("2024-03-31 04:00"))),
             inParis(QStringLiteral("2024-04-07 02:30")));
}

void TestMaintenanceWindow::dstNightWindowKeepsItsClockEnd()
{
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Sat 22:00-04:00")});
    // Spring: 22:00 CET (21:00 UTC) to 04:00 CEST (02:00 UTC), five hours.
    QCOMPARE(jobs::currentClosing(list, inParis(QStringLiteral("2024-03-30 23:00"))).toUTC(),
             utc(QStringLiteral("2024-03-31T02:00:00Z")));
    QVERIFY(jobs::isOpen(list, utc(QStringLiteral("2024-03-31T01:59:00Z")).toTimeZone(paris())));
    QVERIFY(!jobs::isOpen(list, utc(QStringLiteral("2024-03-31T02:00:00Z")).toTimeZone(paris())));
    // Autumn: 22:00 CEST (20:00 UTC) to 04:00 CET (03:00 UTC), seven hours.
    QCOMPARE(jobs::currentClosing(list, inParis(QStringLiteral("2024-10-26 23:00"))).toUTC(),
             utc(QStringLiteral("2024-10-27T03:00:00Z")));
    QVERIFY(jobs::isOpen(list, utc(QStringLiteral("2024-10-27T02:59:00Z")).toTimeZone(paris())));
}

void TestMaintenanceWindow::dstRepeatedHourOpensOnce()
{
    // 2024-10-27, Paris: 02:00-02:59 happens twice, first in CEST (00:00-00:59 UTC), then in CET.
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Sun 02:30+20m")});
    const QDateTime first = utc(QStringLiteral("2024-10-27T00:30:00Z"));
    QCOMPARE(jobs::nextOpening(list, inParis(QStringLiteral("2024-10-27 01:00"))), first);
    QVERIFY(jobs::isOpen(list, first.addSecs(10 * 60).toTimeZone(paris())));
    QCOMPARE(jobs::currentClosing(list, first.toTimeZone(paris())), utc(QStringLiteral("2024-10-27T00:50:00Z")));
    // When the clock shows 02:40 the second time, the window does not open again.
    const QDateTime secondPass = utc(QStringLiteral("2024-10-27T01:40:00Z")).toTimeZone(paris());
    QCOMPARE(secondPass.time(), QTime(2, 40));
    QVERIFY(!jobs::isOpen(list, secondPass));
    QCOMPARE(jobs::nextOpening(list, secondPass), inParis(QStringLiteral("2024-11-03 02:30")));
}

void TestMaintenanceWindow::dstWindowInsideSkippedHourIsKept()
{
    // Wholly inside the skipped hour: opens at the jump and lasts its 30 minutes.
    const QList<MaintenanceWindow> list = windows({QStringLiteral("Sun 02:10-02:40")});
    const QDateTime jump = utc(QStringLiteral("2024-03-31T01:00:00Z"));
    QCOMPARE(jobs::nextOpening(list, inParis(QStringLiteral("2024-03-30 12:00"))), jump);
    QCOMPARE(jobs::currentClosing(list, jump.toTimeZone(paris())), jump.addSecs(30 * 60));
}

QTEST_GUILESS_MAIN(TestMaintenanceWindow)
#include "TestMaintenanceWindow.moc"
