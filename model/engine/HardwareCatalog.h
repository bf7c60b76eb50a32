#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

#include "engine/InputSchema.h"
#include "engine/ReachClass.h"

namespace gigaplan {

/// A value with the publication it comes from and how far to trust it
/// (verified, secondary, derived, estimate).
struct SourcedValue {
  double value = 0.0;
  QString source;
  QString confidence;
};

/// One selectable piece of hardware: a GPU system, a fabric switch, or a transceiver or cable.
struct CatalogEntry {
  QString id;
  QString name;
  QString manufacturer;                 ///< who makes it (systems and switches); empty when not known
  QHash<InputId, SourcedValue> values;  ///< inputs this entry sets (systems and switches)
  // Optics only: the module or cable and what one link end of 400 Gb/s costs and draws.
  ReachClass reach = ReachClass::Multimode;
  bool isCable = false;  ///< price covers both ends of a link (DAC, AEC)
  double gbps = 0.0;
  SourcedValue priceUsd;
  SourcedValue powerW;  ///< per module, or per cable end
  double reachM = 0.0;

  double priceUsdPer400G() const;
  double powerWPer400G() const;
};

/// The hardware catalog: sourced defaults for systems, switches and optics.
class HardwareCatalog {
 public:
  /// The catalog shipped with the program (resources/catalog/hardware.json).
  static const HardwareCatalog& bundled();
  /// Parses a catalog; on failure returns nothing and sets `error` to a message naming the entry.
  static std::optional<HardwareCatalog> fromJson(const QByteArray& json, QString* error);

  const QList<CatalogEntry>& systems() const { return systems_; }
  const QList<CatalogEntry>& switches() const { return switches_; }
  const QList<CatalogEntry>& optics() const { return optics_; }
  const CatalogEntry* system(const QString& id) const;
  const CatalogEntry* switchModel(const QString& id) const;
  const CatalogEntry* optic(const QString& id) const;
  /// The module or cable used for a reach class unless the scenario picks another.
  QString defaultOptic(ReachClass reach) const { return defaultOptics_.value(static_cast<int>(reach)); }

  /// Names used in scenario paths for the reach classes: copper, aec, multimode, ...
  static QString reachName(ReachClass reach);
  /// The ids of some entries, for messages and listings.
  static QStringList ids(const QList<CatalogEntry>& entries);

 private:
  QList<CatalogEntry> systems_;
  QList<CatalogEntry> switches_;
  QList<CatalogEntry> optics_;
  QHash<int, QString> defaultOptics_;
};

}  // namespace gigaplan
