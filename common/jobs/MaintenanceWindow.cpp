// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobs/MaintenanceWindow.h"

#include "jobs/StrictCbor.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <optional>

namespace steward::jobs
{

namespace
{
const QLatin1String kRecurrence("recurrence");
const QLatin1String kNth("nth");
const QLatin1String kDays("days");
const QLatin1String kStart("start");
const QLatin1String kDuration("duration");
const QLatin1String kWeekly("weekly");
const QLatin1String kMonthly("monthly");

constexpr int kMinutesPerDay = 24 * 60;
constexpr qint64 kSecondsPerDay = 24 * 60 * 60;
constexpr qsizetype kMaxTextLength = 200;
constexpr qint64 kUnixEpochJulianDay = 2440588;
// A window lasts at most 7 days, so one open now started at most 8 local days ago (a DST hour included).
constexpr int kLookBackDays = 8;
// Far enough to find the next "last Sun" and to call a chain of windows that never closes.
constexpr int kHorizonDays = 62;

struct DayName {
    QLatin1String abbreviation;
    QLatin1String name;
};
const std::array<DayName, 7> kDayNames{{
    {QLatin1String("Mon"), QLatin1String("Monday")},
    {QLatin1String("Tue"), QLatin1String("Tuesday")},
    {QLatin1String("Wed"), QLatin1String("Wednesday")},
    {QLatin1String("Thu"), QLatin1String("Thursday")},
    {QLatin1String("Fri"), QLatin1String("Friday")},
    {QLatin1String("Sat"), QLatin1String("Saturday")},
    {QLatin1String("Sun"), QLatin1String("Sunday")},
}};

// 1st..4th, then "last" for -1.
const std::array<QLatin1String, 4> kOrdinals{
    {QLatin1String("1st"), QLatin1String("2nd"), QLatin1String("3rd"), QLatin1String("4th")}};
const QLatin1String kLast("last");

Error invalid(const QString &text, const QString &problem)
{
    return makeError(QStringLiteral("window.invalid"),
                     QStringLiteral("maintenance window \"%1\": %2").arg(text.left(kMaxTextLength), problem));
}

Error malformed(const QString &problem)
{
    return makeError(QStringLiteral("job.malformed"), problem);
}

int startMinute(const QTime &time)
{
    return time.hour() * 60 + time.minute();
}

// A bit per day, Monday = bit 1 .. Sunday = bit 7 (Qt::DayOfWeek's values).
using DaySet = unsigned;

DaySet daySet(const QList<Qt::DayOfWeek> &days)
{
    DaySet set = 0;
    for (const Qt::DayOfWeek day : days) {
        if (day >= Qt::Monday && day <= Qt::Sunday) {
            set |= 1U << day;
        }
    }
    return set;
}

QList<Qt::DayOfWeek> daysOf(DaySet set)
{
    QList<Qt::DayOfWeek> days;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        if (set & (1U << day)) {
            days.append(Qt::DayOfWeek(day));
        }
    }
    return days;
}

constexpr DaySet kEveryDay = 0b11111110;

std::optional<Qt::DayOfWeek> dayFromName(const QString &name)
{
    for (int i = 0; i < int(kDayNames.size()); ++i) {
        if (name.compare(kDayNames[i].abbreviation, Qt::CaseInsensitive) == 0
            || name.compare(kDayNames[i].name, Qt::CaseInsensitive) == 0) {
            return Qt::DayOfWeek(i + 1);
        }
    }
    return std::nullopt;
}

QString dayAbbreviation(int day)
{
    return kDayNames[day - 1].abbreviation;
}

Result<DaySet> parseDays(const QString &text, const QString &whole)
{
    DaySet set = 0;
    for (const QString &item : text.split(QLatin1Char(','))) {
        if (item.compare(QLatin1String("daily"), Qt::CaseInsensitive) == 0) {
            set |= kEveryDay;
            continue;
        }
        if (item.compare(QLatin1String("weekdays"), Qt::CaseInsensitive) == 0) {
            set |= daySet({Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday});
            continue;
        }
        if (item.compare(QLatin1String("weekends"), Qt::CaseInsensitive) == 0) {
            set |= daySet({Qt::Saturday, Qt::Sunday});
            continue;
        }
        const QStringList ends = item.split(QLatin1Char('-'));
        if (ends.size() > 2) {
            return invalid(whole, QStringLiteral("\"%1\" is not a day or a range of days (Mon-Fri)").arg(item));
        }
        std::optional<Qt::DayOfWeek> first = dayFromName(ends.first());
        std::optional<Qt::DayOfWeek> last = dayFromName(ends.last());
        for (const QString &end : ends) {
            if (!dayFromName(end)) {
                return invalid(whole,
                               QStringLiteral("\"%1\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or daily)")
                                   .arg(end.isEmpty() ? item : end));
            }
        }
        if (ends.size() == 2 && first == last) {
            return invalid(whole, QStringLiteral("the range \"%1\" must name two different days").arg(item));
        }
        // A range may wrap past Sunday: Fri-Mon is Fri, Sat, Sun, Mon.
        for (int day = *first;; day = day % 7 + 1) {
            set |= 1U << day;
            if (day == *last) {
                break;
            }
        }
    }
    return set;
}

// Minutes after midnight of "H:MM" or "HH:MM"; 24:00 only when `allowMidnightEnd`.
std::optional<int> parseClock(const QString &text, bool allowMidnightEnd)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,2}):(\\d\\d)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const int hours = match.captured(1).toInt();
    const int minutes = match.captured(2).toInt();
    if (minutes > 59 || hours > 24 || (hours == 24 && (minutes != 0 || !allowMidnightEnd))) {
        return std::nullopt;
    }
    return hours * 60 + minutes;
}

std::optional<int> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:(\\d{1,3})d)?(?:(\\d{1,4})h)?(?:(\\d{1,6})m)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (text.isEmpty() || !match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1).toInt() * kMinutesPerDay + match.captured(2).toInt() * 60 + match.captured(3).toInt();
}

QString clockText(int minutes)
{
    return QStringLiteral("%1:%2")
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString daysText(DaySet set)
{
    if (set == kEveryDay) {
        return QStringLiteral("daily");
    }
    // Runs of three or more days become ranges ("Mon-Fri"); a range never wraps, so Sat,Sun stays a list.
    QStringList items;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        if (!(set & (1U << day))) {
            continue;
        }
        int last = day;
        while (last < Qt::Sunday && (set & (1U << (last + 1)))) {
            ++last;
        }
        if (last - day >= 2) {
            items.append(dayAbbreviation(day) + QLatin1Char('-') + dayAbbreviation(last));
        } else {
            for (int each = day; each <= last; ++each) {
                items.append(dayAbbreviation(each));
            }
        }
        day = last;
    }
    return items.join(QLatin1Char(','));
}

bool startsOn(const MaintenanceWindow &window, const QDate &date)
{
    if (!window.days.contains(Qt::DayOfWeek(date.dayOfWeek()))) {
        return false;
    }
    if (window.recurrence == MaintenanceWindow::Recurrence::Weekly) {
        return true;
    }
    if (window.nth == -1) {
        return date.day() + 7 > date.daysInMonth();
    }
    return (date.day() - 1) / 7 + 1 == window.nth;
}

// The device's zone, read from the caller's QDateTime, and the way back to its time spec.
class LocalZone
{
public:
    explicit LocalZone(const QDateTime &like)
        : m_like(like)
        , m_zone(like.timeZone())
    {
    }

    // The first instant (seconds since the epoch) at which the local clock shows `nominal` (local
    // date and time, counted as if it were UTC) or later: the earlier of two when the clock shows it
    // twice, the jump when the clock skips it.
    qint64 firstInstantShowing(qint64 nominal) const
    {
        // Offsets are within a day, so these are the offsets before and after any transition near nominal.
        const int before = offsetAt(nominal - kSecondsPerDay);
        const int after = offsetAt(nominal + kSecondsPerDay);
        std::optional<qint64> first;
        for (const int offset : {before, after}) {
            const qint64 instant = nominal - offset;
            if (offsetAt(instant) == offset && (!first || instant < *first)) {
                first = instant;
            }
        }
        if (first) {
            return *first;
        }
        // A gap: the clock jumped forward (after > before) between these two instants.
        qint64 low = nominal - after;
        qint64 high = nominal - before;
        while (high - low > 1) {
            const qint64 middle = low + (high - low) / 2;
            if (offsetAt(middle) == before) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return high;
    }

    QDateTime toLocal(qint64 msecs) const
    {
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        switch (m_like.timeSpec()) {
        case Qt::TimeZone:
            return utc.toTimeZone(m_zone);
        case Qt::OffsetFromUTC:
            return utc.toOffsetFromUtc(m_like.offsetFromUtc());
        case Qt::LocalTime:
            return utc.toLocalTime();
        case Qt::UTC:
            break;
        }
        return utc;
    }

private:
    int offsetAt(qint64 instant) const
    {
        return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(instant, Qt::UTC));
    }

    QDateTime m_like;
    QTimeZone m_zone;
};

// One opening of one window: [open, close) in milliseconds since the epoch.
struct Span {
    qint64 open;
    qint64 close;
};

// The openings of the valid windows that start on a local date in [from, to], by opening time.
QList<Span> spans(const QList<MaintenanceWindow> &windows, const LocalZone &zone, const QDate &from, const QDate &to)
{
    QList<Span> result;
    for (QDate date = from; date <= to; date = date.addDays(1)) {
        const qint64 midnight = (date.toJulianDay() - kUnixEpochJulianDay) * kSecondsPerDay;
        for (const MaintenanceWindow &window : windows) {
            if (!window.isValid() || !startsOn(window, date)) {
                continue;
            }
            const qint64 start = midnight + startMinute(window.start) * 60;
            const qint64 duration = qint64(window.durationMinutes) * 60;
            const qint64 open = zone.firstInstantShowing(start);
            qint64 close = zone.firstInstantShowing(start + duration);
            if (close <= open) {
                close = open + duration; // the whole window fell into a skipped hour: do not lose it
            }
            result.append(Span{open * 1000, close * 1000});
        }
    }
    std::sort(result.begin(), result.end(), [](const Span &a, const Span &b) {
        return a.open < b.open;
    });
    return result;
}

bool contains(const Span &span, qint64 instant)
{
    return span.open <= instant && instant < span.close;
}

} // namespace

bool MaintenanceWindow::isValid() const
{
    const DaySet set = daySet(days);
    const bool recurrenceValid = recurrence == Recurrence::Weekly
        ? nth == 0
        : (recurrence == Recurrence::MonthlyNth && ((nth >= 1 && nth <= 4) || nth == -1));
    return recurrenceValid && !days.isEmpty() && daysOf(set).size() == days.size() && start.isValid()
        && durationMinutes >= 1 && durationMinutes <= kMaxWindowMinutes;
}

Result<MaintenanceWindow> MaintenanceWindow::parse(const QString &text)
{
    if (text.size() > kMaxTextLength) {
        return invalid(text, QStringLiteral("longer than %1 characters").arg(kMaxTextLength));
    }
    QString normalized = text.simplified();
    static const QRegularExpression aroundSeparators(QStringLiteral("\\s*([,+-])\\s*"));
    normalized.replace(aroundSeparators, QStringLiteral("\\1"));
    QStringList parts = normalized.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 2 || parts.size() > 3) {
        return invalid(text,
                       QStringLiteral("expected [1st|2nd|3rd|4th|last] DAYS HH:MM-HH:MM or DAYS HH:MM+DURATION, "
                                      "e.g. \"Sat 22:00-04:00\" or \"Sun,Wed 01:00+3h\""));
    }

    MaintenanceWindow window;
    if (parts.size() == 3) {
        const QString ordinal = parts.takeFirst();
        window.recurrence = Recurrence::MonthlyNth;
        if (ordinal.compare(kLast, Qt::CaseInsensitive) == 0) {
            window.nth = -1;
        }
        for (int i = 0; i < int(kOrdinals.size()); ++i) {
            if (ordinal.compare(kOrdinals[i], Qt::CaseInsensitive) == 0) {
                window.nth = i + 1;
            }
        }
        if (window.nth == 0) {
            return invalid(text, QStringLiteral("\"%1\" is not 1st, 2nd, 3rd, 4th or last").arg(ordinal));
        }
    }

    const Result<DaySet> days = parseDays(parts.at(0), text);
    if (!days) {
        return days.error();
    }
    window.days = daysOf(days.value());

    const QString &span = parts.at(1);
    const qsizetype plus = span.indexOf(QLatin1Char('+'));
    const qsizetype minus = span.indexOf(QLatin1Char('-'));
    const qsizetype separator = plus >= 0 ? plus : minus;
    if (separator < 0) {
        return invalid(text,
                       QStringLiteral("\"%1\" needs an end (\"22:00-04:00\") or a duration (\"22:00+6h\")").arg(span));
    }
    const QString startText = span.left(separator);
    const QString endText = span.mid(separator + 1);
    const std::optional<int> start = parseClock(startText, false);
    if (!start) {
        return invalid(text, QStringLiteral("\"%1\" is not a time from 00:00 to 23:59").arg(startText));
    }
    window.start = QTime(*start / 60, *start % 60);
    if (plus >= 0) {
        const std::optional<int> duration = parseDuration(endText);
        if (!duration) {
            return invalid(text, QStringLiteral("\"%1\" is not a duration such as 3h, 90m or 1h30m").arg(endText));
        }
        window.durationMinutes = *duration;
    } else {
        const std::optional<int> end = parseClock(endText, true);
        if (!end) {
            return invalid(text, QStringLiteral("\"%1\" is not a time from 00:00 to 24:00").arg(endText));
        }
        if (*end == *start) {
            return invalid(
                text,
                QStringLiteral("\"%1\" ends when it starts; for a whole day write \"%2+24h\"").arg(span, startText));
        }
        window.durationMinutes = *end > *start ? *end - *start : *end + kMinutesPerDay - *start;
    }
    if (window.durationMinutes < 1 || window.durationMinutes > kMaxWindowMinutes) {
        return invalid(text, QStringLiteral("\"%1\" must last from 1 minute to 7 days (168h)").arg(endText));
    }
    return window;
}

QString MaintenanceWindow::toString() const
{
    QString text;
    if (recurrence == Recurrence::MonthlyNth) {
        text = (nth >= 1 && nth <= 4 ? QString(kOrdinals[nth - 1]) : QString(kLast)) + QLatin1Char(' ');
    }
    const int from = startMinute(start);
    text += daysText(daySet(days)) + QLatin1Char(' ') + clockText(from);
    if (durationMinutes < kMinutesPerDay) {
        return text + QLatin1Char('-') + clockText((from + durationMinutes) % kMinutesPerDay);
    }
    text += QLatin1Char('+');
    if (durationMinutes / 60 > 0) {
        text += QString::number(durationMinutes / 60) + QLatin1Char('h');
    }
    if (durationMinutes % 60 > 0) {
        text += QString::number(durationMinutes % 60) + QLatin1Char('m');
    }
    return text;
}

QCborMap MaintenanceWindow::toCbor() const
{
    QCborMap map;
    map.insert(kRecurrence, recurrence == Recurrence::Weekly ? kWeekly : kMonthly);
    if (recurrence == Recurrence::MonthlyNth) {
        map.insert(kNth, nth);
    }
    QCborArray dayNumbers;
    for (const Qt::DayOfWeek day : daysOf(daySet(days))) {
        dayNumbers.append(int(day));
    }
    map.insert(kDays, dayNumbers);
    map.insert(kStart, startMinute(start));
    map.insert(kDuration, durationMinutes);
    return map;
}

Result<MaintenanceWindow> MaintenanceWindow::fromCbor(const QCborMap &map)
{
    const Error error =
        malformed(QStringLiteral("a maintenance window is not {recurrence: \"weekly\", days, start, duration} or "
                                 "{recurrence: \"monthly\", nth, days, start, duration}"));
    MaintenanceWindow window;
    const QCborValue recurrence = map.value(kRecurrence);
    if (recurrence == QCborValue(kMonthly)) {
        window.recurrence = Recurrence::MonthlyNth;
    } else if (recurrence != QCborValue(kWeekly)) {
        return error;
    }
    const bool monthly = window.recurrence == Recurrence::MonthlyNth;
    detail::MapReader reader = monthly ? detail::MapReader(map, {kRecurrence, kNth, kDays, kStart, kDuration})
                                       : detail::MapReader(map, {kRecurrence, kDays, kStart, kDuration});
    if (monthly) {
        window.nth = int(reader.integer(kNth, -1, 4));
    }
    const QCborArray days = reader.array(kDays, 7);
    const qint64 start = reader.integer(kStart, 0, kMinutesPerDay - 1);
    window.durationMinutes = int(reader.integer(kDuration, 1, kMaxWindowMinutes));
    if (!reader.ok()) {
        return error;
    }
    window.start = QTime(int(start / 60), int(start % 60));
    // One encoding per window: days ascending, each once.
    int previous = 0;
    for (const QCborValue &day : days) {
        if (!day.isInteger() || day.toInteger() <= previous || day.toInteger() > Qt::Sunday) {
            return error;
        }
        previous = int(day.toInteger());
        window.days.append(Qt::DayOfWeek(previous));
    }
    if (!window.isValid()) {
        return error;
    }
    return window;
}

bool isOpen(const QList<MaintenanceWindow> &windows, const QDateTime &localNow)
{
    if (windows.isEmpty()) {
        return true;
    }
    const LocalZone zone(localNow);
    const qint64 now = localNow.toMSecsSinceEpoch();
    const QDate today = localNow.date();
    const QList<Span> openings = spans(windows, zone, today.addDays(-kLookBackDays), today.addDays(1));
    return std::any_of(openings.cbegin(), openings.cend(), [now](const Span &span) {
        return contains(span, now);
    });
}

QDateTime nextOpening(const QList<MaintenanceWindow> &windows, const QDateTime &localNow)
{
    if (windows.isEmpty()) {
        return QDateTime();
    }
    if (isOpen(windows, localNow)) {
        return localNow;
    }
    const LocalZone zone(localNow);
    const qint64 now = localNow.toMSecsSinceEpoch();
    const QDate today = localNow.date();
    for (const Span &span : spans(windows, zone, today.addDays(-1), today.addDays(kHorizonDays))) {
        if (span.open >= now) {
            return zone.toLocal(span.open);
        }
    }
    return QDateTime();
}

QDateTime currentClosing(const QList<MaintenanceWindow> &windows, const QDateTime &localNow)
{
    if (windows.isEmpty()) {
        return QDateTime();
    }
    const LocalZone zone(localNow);
    const qint64 now = localNow.toMSecsSinceEpoch();
    const QDate today = localNow.date();
    // Sorted by opening: each window that opens before the current closing and outlasts it moves
    // the closing on, so overlapping and back-to-back windows read as one.
    std::optional<qint64> closing;
    for (const Span &span : spans(windows, zone, today.addDays(-kLookBackDays), today.addDays(kHorizonDays + 1))) {
        const qint64 reached = closing.value_or(now);
        if (span.open > reached) {
            break;
        }
        if (span.close > reached) {
            closing = span.close;
        }
    }
    if (!closing) {
        return QDateTime();
    }
    return zone.toLocal(std::min(*closing, now + qint64(kHorizonDays) * kSecondsPerDay * 1000));
}

QCborArray windowsToCbor(const QList<MaintenanceWindow> &windows)
{
    QCborArray array;
    for (const MaintenanceWindow &window : windows) {
        array.append(window.toCbor());
    }
    return array;
}

Result<QList<MaintenanceWindow>> windowsFromCbor(const QCborValue &value)
{
    QList<MaintenanceWindow> windows;
    if (value.isUndefined()) {
        return windows;
    }
    if (!value.isArray() || value.toArray().size() > kMaxWindows) {
        return malformed(QStringLiteral("the maintenance windows are not an array of at most %1").arg(kMaxWindows));
    }
    for (const QCborValue &item : value.toArray()) {
        if (!item.isMap()) {
            return malformed(QStringLiteral("a maintenance window is not a map"));
        }
        Result<MaintenanceWindow> window = MaintenanceWindow::fromCbor(item.toMap());
        if (!window) {
            return window.error();
        }
        windows.append(std::move(window).value());
    }
    return windows;
}

} // namespace steward::jobs
