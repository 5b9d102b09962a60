// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeploymentRequest.h"
#include "Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// The values of stewardctl's job and signing options (docs/jobs.md), checked before anything is
// signed or sent. Every Error here has the code "usage" and a message naming the bad value. The
// checks the console shares are in app/deployments (DeploymentRequest.h); these word them for
// stewardctl's options.
namespace steward::app::jobargs
{

inline constexpr qsizetype kMaxDeviceIdLength = 256;
inline constexpr qsizetype kMaxOperatorNameLength = 256;
inline constexpr qsizetype kMaxKindLength = 64;

// deployment::package() in stewardctl's words (--package).
Result<deployment::Package> package(const QString &text);

// The values of --devices, each a comma-separated list: distinct ids in the order given.
Result<QStringList> deviceIds(const QStringList &values);

// A comma-separated list of job kinds ("patch,license"): distinct, [a-z0-9][a-z0-9.-]*.
Result<QStringList> kinds(const QString &text);

// An operator's name as the operator list shows it: not blank, no control characters.
Result<QString> operatorName(const QString &text);

// deployment::checkTimes() in stewardctl's words (--not-before, --deadline, --expires).
Status checkTimes(const deployment::PatchJob &job, const QDateTime &now);

} // namespace steward::app::jobargs
