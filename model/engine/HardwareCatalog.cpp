#include "engine/HardwareCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <stdexcept>

namespace gigaplan {

double CatalogEntry::priceUsdPer400G() const {
  const double perEnd = isCable ? priceUsd.value / 2.0 : priceUsd.value;
  return perEnd * 400.0 / gbps;
}

double CatalogEntry::powerWPer400G() const {
  return powerW.value * 400.0 / gbps;
}

QString HardwareCatalog::reachName(ReachClass reach) {
  switch (reach) {
    case ReachClass::Copper:
      return QStringLiteral("copper");
    case ReachClass::Aec:
      return QStringLiteral("aec");
    case ReachClass::Multimode:
      return QStringLiteral("multimode");
    case ReachClass::SinglemodeDr:
      return QStringLiteral("singlemodeDr");
    case ReachClass::SinglemodeFr:
      return QStringLiteral("singlemodeFr");
  }
  return {};
}

QStringList HardwareCatalog::ids(const QList<CatalogEntry>& entries) {
  QStringList result;
  for (const CatalogEntry& entry : entries) result << entry.id;
  return result;
}

namespace {

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const QString& where, const QString& what) {
  throw ParseError((where + QStringLiteral(": ") + what).toStdString());
}

SourcedValue sourcedValue(const QJsonValue& json, const QString& where) {
  if (!json.isObject()) fail(where, QStringLiteral("expected {\"value\", \"source\", \"confidence\"}"));
  const QJsonObject object = json.toObject();
  const QJsonValue value = object.value(QStringLiteral("value"));
  if (!value.isDouble() || !std::isfinite(value.toDouble())) fail(where, QStringLiteral("value must be a number"));
  SourcedValue result{value.toDouble(), object.value(QStringLiteral("source")).toString(),
                      object.value(QStringLiteral("confidence")).toString()};
  if (result.source.isEmpty()) fail(where, QStringLiteral("every catalog value needs a source"));
  static const QStringList confidences = {"verified", "secondary", "derived", "estimate"};
  if (!confidences.contains(result.confidence))
    fail(where, QStringLiteral("confidence must be one of ") + confidences.join(QStringLiteral(", ")));
  return result;
}

CatalogEntry entryHeader(const QJsonObject& object, const QString& where) {
  CatalogEntry entry;
  entry.id = object.value(QStringLiteral("id")).toString();
  entry.name = object.value(QStringLiteral("name")).toString();
  entry.manufacturer = object.value(QStringLiteral("manufacturer")).toString();
  if (entry.id.isEmpty() || entry.name.isEmpty()) fail(where, QStringLiteral("needs an id and a name"));
  return entry;
}

QList<CatalogEntry> inputEntries(const QJsonArray& array, const QString& section) {
  QList<CatalogEntry> entries;
  for (int i = 0; i < array.size(); ++i) {
    const QJsonObject object = array.at(i).toObject();
    const QString where = QStringLiteral("%1[%2]").arg(section).arg(i);
    CatalogEntry entry = entryHeader(object, where);
    const QJsonObject values = object.value(QStringLiteral("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
      const auto id = findInput(it.key());
      if (!id) fail(where + QStringLiteral(".") + it.key(), QStringLiteral("not a scenario input"));
      entry.values.insert(*id, sourcedValue(it.value(), where + QStringLiteral(".") + it.key()));
    }
    entries.append(entry);
  }
  return entries;
}

}  // namespace

std::optional<HardwareCatalog> HardwareCatalog::fromJson(const QByteArray& json, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (!document.isObject()) {
    if (error) *error = QStringLiteral("catalog: not a JSON object (%1)").arg(parseError.errorString());
    return std::nullopt;
  }
  try {
    HardwareCatalog catalog;
    const QJsonObject root = document.object();
    catalog.systems_ = inputEntries(root.value(QStringLiteral("systems")).toArray(), QStringLiteral("systems"));
    catalog.switches_ = inputEntries(root.value(QStringLiteral("switches")).toArray(), QStringLiteral("switches"));
    const QJsonArray optics = root.value(QStringLiteral("optics")).toArray();
    for (int i = 0; i < optics.size(); ++i) {
      const QJsonObject object = optics.at(i).toObject();
      const QString where = QStringLiteral("optics[%1]").arg(i);
      CatalogEntry entry = entryHeader(object, where);
      const QString reach = object.value(QStringLiteral("reach")).toString();
      bool known = false;
      for (int r = 0; r <= static_cast<int>(ReachClass::SinglemodeFr); ++r) {
        if (reachName(static_cast<ReachClass>(r)) == reach) {
          entry.reach = static_cast<ReachClass>(r);
          known = true;
        }
      }
      if (!known) fail(where + QStringLiteral(".reach"), QStringLiteral("unknown reach class '%1'").arg(reach));
      entry.isCable = entry.reach == ReachClass::Copper || entry.reach == ReachClass::Aec;
      entry.gbps = object.value(QStringLiteral("gbps")).toDouble();
      entry.reachM = object.value(QStringLiteral("reachM")).toDouble();
      if (!(entry.gbps > 0)) fail(where + QStringLiteral(".gbps"), QStringLiteral("must be a positive number"));
      entry.priceUsd = sourcedValue(object.value(QStringLiteral("priceUsd")), where + QStringLiteral(".priceUsd"));
      entry.powerW = sourcedValue(object.value(QStringLiteral("powerW")), where + QStringLiteral(".powerW"));
      if (object.value(QStringLiteral("default")).toBool())
        catalog.defaultOptics_.insert(static_cast<int>(entry.reach), entry.id);
      catalog.optics_.append(entry);
    }
    for (int r = 0; r <= static_cast<int>(ReachClass::SinglemodeFr); ++r) {
      if (!catalog.defaultOptics_.contains(r))
        fail(QStringLiteral("optics"),
             QStringLiteral("no default module for reach class %1").arg(reachName(static_cast<ReachClass>(r))));
    }
    return catalog;
  } catch (const ParseError& e) {
    if (error) *error = QStringLiteral("catalog: ") + QString::fromStdString(e.what());
    return std::nullopt;
  }
}

const HardwareCatalog& HardwareCatalog::bundled() {
  static const HardwareCatalog catalog = [] {
    QFile file(QStringLiteral(":/gigaplan/catalog/hardware.json"));
    if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("bundled hardware catalog is missing");
    QString error;
    auto parsed = fromJson(file.readAll(), &error);
    if (!parsed) throw std::runtime_error(error.toStdString());
    return *parsed;
  }();
  return catalog;
}

namespace {
const CatalogEntry* findEntry(const QList<CatalogEntry>& entries, const QString& id) {
  for (const CatalogEntry& entry : entries)
    if (entry.id == id) return &entry;
  return nullptr;
}
}  // namespace

const CatalogEntry* HardwareCatalog::system(const QString& id) const {
  return findEntry(systems_, id);
}
const CatalogEntry* HardwareCatalog::switchModel(const QString& id) const {
  return findEntry(switches_, id);
}
const CatalogEntry* HardwareCatalog::optic(const QString& id) const {
  return findEntry(optics_, id);
}

}  // namespace gigaplan
