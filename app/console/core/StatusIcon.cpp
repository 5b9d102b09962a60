// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusIcon.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace steward::app::StatusIcon
{

namespace
{
// Paints on demand: no pixmap is made until a view draws the icon, so models can hand icons
// out without a GUI (in tests, in stewardctl's shared code).
class Engine : public QIconEngine
{
public:
    explicit Engine(Kind kind)
        : m_kind(kind)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side);
        QColor fill = background();
        if (mode == QIcon::Disabled) {
            fill = QColor(0xbd, 0xbd, 0xbd);
        }
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawEllipse(box.adjusted(0.5, 0.5, -0.5, -0.5));

        QPen pen(Qt::white, qMax<qreal>(1.5, side / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        const auto at = [&box](qreal x, qreal y) {
            return QPointF(box.x() + x * box.width(), box.y() + y * box.height());
        };
        switch (m_kind) {
        case Kind::Good: {
            QPainterPath tick;
            tick.moveTo(at(0.27, 0.52));
            tick.lineTo(at(0.44, 0.69));
            tick.lineTo(at(0.74, 0.34));
            painter->drawPath(tick);
            break;
        }
        case Kind::Bad:
            painter->drawLine(at(0.32, 0.32), at(0.68, 0.68));
            painter->drawLine(at(0.68, 0.32), at(0.32, 0.68));
            break;
        case Kind::Unknown: {
            QPainterPath hook;
            hook.moveTo(at(0.36, 0.38));
            hook.cubicTo(at(0.36, 0.18), at(0.66, 0.18), at(0.64, 0.38));
            hook.cubicTo(at(0.62, 0.50), at(0.50, 0.50), at(0.50, 0.60));
            painter->drawPath(hook);
            painter->drawPoint(at(0.50, 0.76));
            break;
        }
        case Kind::Stale:
            painter->drawLine(at(0.50, 0.50), at(0.50, 0.26));
            painter->drawLine(at(0.50, 0.50), at(0.68, 0.60));
            break;
        case Kind::Revoked:
            painter->drawLine(at(0.28, 0.50), at(0.72, 0.50));
            break;
        case Kind::Warning:
            painter->drawLine(at(0.50, 0.24), at(0.50, 0.58));
            painter->drawPoint(at(0.50, 0.76));
            break;
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap result(size);
        result.fill(Qt::transparent);
        QPainter painter(&result);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return result;
    }

    QIconEngine *clone() const override
    {
        return new Engine(m_kind);
    }

    QString key() const override
    {
        return QStringLiteral("steward-status");
    }

    // What QIcon::name() answers: tells the icons apart in tests and accessibility tools.
    QString iconName() override
    {
        switch (m_kind) {
        case Kind::Good:
            return QStringLiteral("steward-good");
        case Kind::Bad:
            return QStringLiteral("steward-bad");
        case Kind::Unknown:
            return QStringLiteral("steward-unknown");
        case Kind::Stale:
            return QStringLiteral("steward-stale");
        case Kind::Revoked:
            return QStringLiteral("steward-revoked");
        case Kind::Warning:
            return QStringLiteral("steward-warning");
        }
        return {};
    }

private:
    QColor background() const
    {
        switch (m_kind) {
        case Kind::Good:
            return QColor(0x2e, 0x7d, 0x32);
        case Kind::Bad:
            return QColor(0xc6, 0x28, 0x28);
        case Kind::Unknown:
            return QColor(0x75, 0x75, 0x75);
        case Kind::Stale:
        case Kind::Warning:
            return QColor(0xb2, 0x6a, 0x00);
        case Kind::Revoked:
            return QColor(0x42, 0x42, 0x42);
        }
        return Qt::gray;
    }

    Kind m_kind;
};
} // namespace

QIcon icon(Kind kind)
{
    return QIcon(new Engine(kind));
}

} // namespace steward::app::StatusIcon
