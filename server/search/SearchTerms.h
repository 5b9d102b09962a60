// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

namespace steward::server::search
{

// One word a device can be found by: `term` is matched by prefix, lower-cased; `shown` is the
// value it came from, which the answer names; `field` says what it is.
struct SearchTerm {
    QString field; // hostname, fqdn, serial, assetTag, ip, mac, user
    QString term;
    QString shown;

    friend bool operator==(const SearchTerm &, const SearchTerm &) = default;
};

// What a device can be found by, from its name and stored report sections (os, hardware,
// network): the hostname and FQDN, the hardware serial and asset tag, every IP address (without its prefix
// length) and MAC address of its interfaces (loopback left out), and the users logged in.
// Names are also found by each of their parts (pc-finance-01 by "finance", DOMAIN\alice by
// "alice"); MAC addresses are kept as 12 hex digits, so that any spelling finds them.
QList<SearchTerm> searchTerms(const QString &hostname, const QCborMap &sections);

// A value as it is kept and matched: trimmed, at most 255 characters, lower-cased.
QString term(const QString &value);

// What a search text is looked up as: the text itself, lower-cased and trimmed, against every
// field; and, when it could be (part of) a MAC address in any common spelling (aa:bb:cc…,
// AA-BB-CC…, aabb.ccdd.eeff), its hex digits against `mac`.
struct SearchKey {
    QString term;
    QString field; // empty: any field
};
QList<SearchKey> searchKeys(const QString &text);

// A string above every string that starts with `prefix` ("abc" -> "abd"), for an index range
// [prefix, upper) in byte order; the range may hold more than the prefix's strings (after a
// character outside the Basic Multilingual Plane), never fewer. Empty: no upper bound.
QString prefixUpperBound(const QString &prefix);

inline constexpr int kMaxTextLength = 256;

} // namespace steward::server::search
