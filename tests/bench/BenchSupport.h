// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

// What the load generators beside this file share: waiting on an event loop and reading CPU time.
namespace steward::bench
{

// Runs the event loop until `done` says so or `timeout` passes; true when done. The caller's
// signals drive progress; a short poll keeps this independent of them.
bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout);

// User + system CPU seconds of this process (pid 0) or of another one, from /proc.
double cpuSeconds(qint64 pid);

// CPU seconds every process on the machine has used (all cores), from the first line of /proc/stat.
double machineCpuSeconds();

} // namespace steward::bench
