// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

// Maintenance windows (docs/jobs.md, "Maintenance windows"): when a device may run a job, in the
// device's own local time. They travel signed in the job envelope's `options` (key "windows")
// because the agent honours them on its own clock, offline too.
namespace steward::jobs
{

struct MaintenanceWindow {
    enum class Recurrence {
        Weekly, // on each of `days`, every week
        MonthlyNth, // on each of `days` when it is the `nth` such weekday of its month
    };

    Recurrence recurrence = Recurrence::Weekly;
    int nth = 0; // MonthlyNth only: 1 to 4, or -1 for the last; 0 for Weekly
    QList<Qt::DayOfWeek> days; // the days a window STARTS on; parse() and fromCbor() sort them Mon..Sun
    QTime start; // local time; minutes only (seconds are ignored everywhere)
    // 1 .. 7*24*60 minutes on the local clock, so it may cross midnight (Sat 22:00 for 360 minutes
    // closes on Sunday at 04:00) and the week's end.
    int durationMinutes = 0;

    // The window language, case-insensitive, spaces around ',', '-' and '+' allowed:
    //
    //     window   := [ordinal] days time ('-' time | '+' duration)
    //     ordinal  := 1st | 2nd | 3rd | 4th | last          (monthly: "2nd Tue 22:00-02:00")
    //     days     := daily | weekdays | weekends | item (',' item)*
    //     item     := day | day '-' day                     (a range may wrap: Fri-Mon)
    //     day      := Mon | Tue | Wed | Thu | Fri | Sat | Sun   (or the full English name)
    //     time     := H:MM | HH:MM, 00:00 to 23:59; an end may also be 24:00
    //     duration := [N 'd'] [N 'h'] [N 'm'], at least one part: "3h", "90m", "1h30m", "7d"
    //
    // An end at or before the start is on the next day ("Sat 22:00-04:00" lasts 6 hours); an end
    // equal to the start is refused (write "+24h"). Examples: "Sat 22:00-04:00",
    // "Mon-Fri 20:00-06:00", "Sun,Wed 01:00+3h", "daily 02:00-05:00", "last Sun 03:00+2h".
    // Error code "window.invalid", with a message naming the bad part.
    static Result<MaintenanceWindow> parse(const QString &text);
    // The canonical spelling: parse(toString()) gives this window back.
    QString toString() const;

    // {recurrence: "weekly", days: [1..7 ascending, ISO: Monday is 1], start: minutes after
    // local midnight, duration: minutes}; "monthly" adds nth (1..4, or -1: the last).
    QCborMap toCbor() const;
    // Strict, as for every signed document: exactly those keys, each of its type and range.
    // Error code "job.malformed".
    static Result<MaintenanceWindow> fromCbor(const QCborMap &map);

    // What parse() and fromCbor() accept; windows that are not valid never open.
    bool isValid() const;

    friend bool operator==(const MaintenanceWindow &, const MaintenanceWindow &) = default;
};

constexpr int kMaxWindowMinutes = 7 * 24 * 60;
constexpr qsizetype kMaxWindows = 32;

// The functions below take the device's local time as a QDateTime in any time spec (local time,
// a QTimeZone, an offset or UTC), read the windows in that spec's zone and answer in it.
//
// Daylight saving time: a window covers the local clock's times from its start to start +
// duration. It opens at the first instant the clock shows its start or later and closes at the
// first instant the clock shows its end or later: a time the clock skips happens at the jump (the
// next valid instant), a time the clock shows twice happens the first time. So "Sat 22:00-04:00"
// still closes at 04:00 on a DST night (an hour shorter or longer in elapsed time), a window opens
// at most once per start day, and one lying wholly inside a skipped hour lasts its duration from
// the jump rather than vanishing.

// Whether `localNow` lies inside any window. An empty list means "always open".
bool isOpen(const QList<MaintenanceWindow> &windows, const QDateTime &localNow);
// When the next window opens at or after localNow (localNow itself if one is open now); invalid
// when the list is empty or holds no valid window.
QDateTime nextOpening(const QList<MaintenanceWindow> &windows, const QDateTime &localNow);
// When the windows open at localNow close: overlapping and back-to-back windows count as one, so
// this is when the device is next outside every window. Invalid if none is open, and for an empty
// list (no window: nothing closes). Windows that never close ("daily 00:00+24h") give a time 62
// days ahead.
QDateTime currentClosing(const QList<MaintenanceWindow> &windows, const QDateTime &localNow);

QCborArray windowsToCbor(const QList<MaintenanceWindow> &windows);
// Absent (undefined) → empty list; otherwise an array of at most kMaxWindows windows, each read
// by MaintenanceWindow::fromCbor. Error code "job.malformed".
Result<QList<MaintenanceWindow>> windowsFromCbor(const QCborValue &value);

} // namespace steward::jobs
