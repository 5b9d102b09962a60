// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace steward::app
{

// Installs Qt's and Steward's translations for the system locale (LANG, LC_MESSAGES): the
// console's pages and the compliance sheet, which stewardctl prints too. English is built in.
void installTranslations(QCoreApplication &app);

} // namespace steward::app
