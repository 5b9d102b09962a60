// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace steward::app
{

void installTranslations(QCoreApplication &app)
{
    const QLocale locale = QLocale::system();
    auto *qt = new QTranslator(&app);
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    // Embedded by the build under :/i18n (app/console/CMakeLists.txt).
    auto *steward = new QTranslator(&app);
    if (steward->load(locale, QStringLiteral("steward"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(steward);
    } else {
        delete steward; // English is built in.
    }
}

} // namespace steward::app
