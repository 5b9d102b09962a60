// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeviceDetail.h"
#include "RecordTableModel.h"

namespace steward::app
{

// A device's compliance reasons as rows, for help-desk staff explaining to a user why a PC is
// not compliant and what to do about it. Known reason codes get a translated title, meaning and
// remedy, so that a French page is French; the server's own text (specific, English) is the
// tooltip, and the fallback for a code this console does not know.
class ComplianceReasonModel : public ClockedRecordTableModel<DeviceDetail::ComplianceReason>
{
    Q_OBJECT

public:
    enum Column { Reason, Since, Explanation, Remedy, Policy, Code, ColumnCount };
    Q_ENUM(Column)

    // Times read relative to the clock's now.
    using ClockedRecordTableModel::ClockedRecordTableModel;

    void setReasons(const QList<DeviceDetail::ComplianceReason> &reasons)
    {
        setRecords(reasons);
    }
    const QList<DeviceDetail::ComplianceReason> &reasons() const
    {
        return records();
    }

    // Translated short title of a reason code ("Security updates pending"); empty for a code
    // this console does not know.
    static QString title(const QString &code);
    // Translated meaning of a reason code; empty for a code this console does not know.
    static QString explain(const QString &code);
    // Translated advice on what to do about it; empty for a code this console does not know.
    static QString remedy(const QString &code);
    // Which rule makes it a reason, with its value and the org unit that set it:
    // "antivirus.definitions-max-age = 7d, set by Ministry of Health/Mokhotlong".
    static QString policy(const DeviceDetail::ComplianceReason &reason);

protected:
    QStringList headers() const override;
    QVariant cell(const DeviceDetail::ComplianceReason &reason, int column, int role) const override;

private:
    struct Text {
        const char *title;
        const char *meaning;
        const char *remedy;
    };
    // The untranslated texts for `code`; nullptr for a code this console does not know.
    static const Text *texts(const QString &code);
};

} // namespace steward::app
