// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace steward::app
{

// The printable one-page compliance sheet of a device: who it is (name, unit, serial, asset
// tag, addresses, users), whether it is compliant, and for each reason what it means, what to
// do and which policy asks for it. What a help-desk operator hands over or attaches to a
// ticket. In the language of the translations installed, as the console's pages are.
class ComplianceSheet
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceSheet)

public:
    struct Context {
        QDateTime now;
        QString printedBy; // the user signed in
        QString server; // the site server's address
    };

    // The sheet as HTML (a QTextDocument subset); every value from the device is escaped.
    static QString html(const DeviceDetail &device, const Context &context);
    // Writes the sheet as an A4 PDF to `fileName`, replacing it only once the whole file is
    // written. Needs a QGuiApplication (fonts). Error code "sheet.write" naming the file.
    static Status writePdf(const DeviceDetail &device, const Context &context, const QString &fileName);

    // More reasons than this do not fit on one page; the sheet says how many more there are.
    static constexpr int maxReasons = 8;
};

} // namespace steward::app
