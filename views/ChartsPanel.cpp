#include "ChartsPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>

#include "HorizontalBarsChart.h"

namespace gigaplan {

namespace {

// The Light theme's palette (and a slate for switches), set explicitly so that every chart gives
// the same kind of thing the same colour: IT blue, facility orange, land green.
const QColor kBlue(32, 159, 223);
const QColor kOrange(246, 166, 37);
const QColor kGreen(153, 202, 83);
const QColor kSlate(82, 102, 125);

QFont chartFont(int pointSize, bool bold = false) {
  QFont font;
  font.setPointSize(pointSize);
  font.setBold(bold);
  return font;
}

/// A chart with the house look: light theme, readable fonts, legend below, and no animation,
/// since the charts change on every edit and an animation would lag behind the typing.
QChartView* newChartView(QChart* chart) {
  chart->setTheme(QChart::ChartThemeLight);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setTitleFont(chartFont(11, true));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->legend()->setFont(chartFont(9));
  // English digits with thousands separators in axis and bar labels ("1,036,800").
  chart->setLocale(QLocale(QLocale::English));
  chart->setLocalizeNumbers(true);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart);
  view->setRenderHint(QPainter::Antialiasing);
  return view;
}

void styleAxis(QAbstractAxis* axis, const QString& title) {
  axis->setLabelsFont(chartFont(9));
  axis->setTitleFont(chartFont(9, true));
  axis->setTitleText(title);
}

/// Replaces every value of a bar set, which redraws the bars without new series.
void setValues(QBarSet* set, const QList<qreal>& values) {
  set->remove(0, set->count());
  set->append(values);
}

/// About three significant digits ("1,200", "62.5", "7.74", "0.174"): all that an estimate can claim, and
/// short enough for a chart label.
QString threeDigits(double value) {
  const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return QLocale(QLocale::English).toString(value, 'f', decimals);
}

/// Sets a value axis to 0 .. largest x headroom, rounded out to nice tick values, with just
/// enough decimals to tell the ticks apart (a $0.5 B capex needs them, 20,000 switches do not).
void setNiceRange(QValueAxis* axis, double largest, double headroom) {
  axis->setRange(0.0, largest > 0 ? largest * headroom : 1.0);
  axis->applyNiceNumbers();
  const double step = axis->max() / std::max(1, axis->tickCount() - 1);
  axis->setLabelFormat(step >= 1     ? QStringLiteral("%.0f")
                       : step >= 0.1 ? QStringLiteral("%.1f")
                                     : QStringLiteral("%.2f"));
}

/// "$12.3 B", "$850 M".
QString formatUsd(double usd) {
  if (usd >= 1e9) return QStringLiteral("$%1 B").arg(threeDigits(usd / 1e9));
  if (usd >= 1e6) return QStringLiteral("$%1 M").arg(threeDigits(usd / 1e6));
  return QStringLiteral("$%1 k").arg(threeDigits(usd / 1e3));
}

QString formatMw(double mw) {
  return threeDigits(mw) + QStringLiteral(" MW");
}

/// "13 %"; "<1 %" for a part too small to round to a percent but not nothing (land).
QString formatShare(double part, double total) {
  if (total <= 0) return QString();
  const double percent = 100.0 * part / total;
  return percent > 0 && percent < 0.5 ? QStringLiteral("<1 %") : QStringLiteral("%1 %").arg(std::round(percent));
}

}  // namespace

/// One horizontal bar per part of a total, coloured by the part's group (IT, facility, ...).
/// The parts keep one fixed order, so bars do not jump around while the planner edits. Painted
/// by HorizontalBarsChart, so that each part's name, value and share read in full in a dock.
class BreakdownChart {
 public:
  struct Part {
    QString name;
    OutputId id;
    int group;  ///< index into the groups, one legend entry and colour each
  };

  /// How values are shown: the value axis in `axisTitle` units, `scale` of them per output
  /// unit (1e-9 for USD on a $ billion axis), and each part's label text.
  struct Unit {
    QString axisTitle;
    double scale;
    QString (*format)(double outputValue);
  };

  BreakdownChart(const QStringList& groups, const QList<QColor>& colors, QList<Part> parts)
      : parts_(std::move(parts)), groups_(groups), colours_(colors), view_(new HorizontalBarsChart) {
    view_->setStacked(true);  // each part one bar in its group's colour: the other groups are 0
  }

  QWidget* view() const { return view_; }

  /// Shows each part's output; the category labels carry the value and its share.
  void show(const OutputValues& outputs, const QString& title, const Unit& unit) {
    double total = 0.0;
    for (const Part& part : parts_) total += valueOf(outputs, part.id);
    QStringList labels;
    std::vector<BarSet> sets;
    for (qsizetype g = 0; g < groups_.size(); ++g) sets.push_back({groups_[g], colours_[g], {}});
    shown_.clear();
    for (const Part& part : parts_) {
      const double value = valueOf(outputs, part.id);
      labels << QStringLiteral("%1  %2 (%3)").arg(part.name, unit.format(value), formatShare(value, total));
      for (qsizetype g = 0; g < groups_.size(); ++g)
        sets[static_cast<std::size_t>(g)].values.append(g == part.group ? value * unit.scale : 0.0);
      shown_.append({part.name, value});
    }
    view_->setBars(title, labels, sets, unit.axisTitle);
  }

  /// Part names and values in output units, top to bottom.
  ChartsPanel::Breakdown values() const { return shown_; }

 private:
  QList<Part> parts_;
  QStringList groups_;
  QList<QColor> colours_;
  HorizontalBarsChart* view_;  ///< owned by the tab it is shown in
  ChartsPanel::Breakdown shown_;
};

/// Switches and links of each fabric tier side by side. Links outnumber switches a hundred to one,
/// so each has its own axis, switches on the left and links on the right: one bar series each,
/// which Qt Charts places side by side within a tier.
class FabricChart {
 public:
  FabricChart() {
    auto* chart = new QChart;
    view_ = newChartView(chart);
    categories_ = new QBarCategoryAxis;
    styleAxis(categories_, QString());
    chart->addAxis(categories_, Qt::AlignBottom);
    switches_ = addSeries(chart, ChartsPanel::tr("Switches"), kSlate, Qt::AlignLeft, &switchAxis_);
    links_ = addSeries(chart, ChartsPanel::tr("Links"), kBlue, Qt::AlignRight, &linkAxis_);
  }

  QChartView* view() const { return view_; }

  /// `switchName` titles the tier axis: the switch model decides how many tiers a fabric needs.
  void show(const OutputValues& outputs, const QString& title, const QString& switchName) {
    static constexpr std::array<OutputId, 4> kSwitches{OutputId::networkSwitchesTier1, OutputId::networkSwitchesTier2,
                                                       OutputId::networkSwitchesTier3, OutputId::networkSwitchesTier4};
    static constexpr std::array<OutputId, 4> kLinks{OutputId::networkLinksTier1, OutputId::networkLinksTier2,
                                                    OutputId::networkLinksTier3, OutputId::networkLinksTier4};
    const QStringList names{ChartsPanel::tr("Tier 1 (leaf)"), ChartsPanel::tr("Tier 2 (spine)"),
                            ChartsPanel::tr("Tier 3 (core)"), ChartsPanel::tr("Tier 4")};
    view_->chart()->setTitle(title);
    tiers_.clear();
    QList<qreal> switches, links;
    for (std::size_t t = 0; t < kSwitches.size(); ++t) {
      if (valueOf(outputs, kSwitches[t]) <= 0) continue;
      tiers_ << names[static_cast<qsizetype>(t)];
      switches << valueOf(outputs, kSwitches[t]);
      links << valueOf(outputs, kLinks[t]);
    }
    categories_->setCategories(tiers_);
    categories_->setTitleText(switchName);
    show(switches_, switchAxis_, switches);
    show(links_, linkAxis_, links);
  }

  ChartsPanel::Breakdown switches() const { return shown(switches_); }
  ChartsPanel::Breakdown links() const { return shown(links_); }

 private:
  QBarSet* addSeries(QChart* chart, const QString& name, const QColor& color, Qt::Alignment side, QValueAxis** axis) {
    auto* bars = new QBarSet(name);
    bars->setColor(color);
    bars->setBorderColor(color);
    bars->setLabelColor(color.darker(140));
    bars->setLabelFont(chartFont(8));
    auto* series = new QBarSeries;
    series->append(bars);
    series->setBarWidth(0.9);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsPrecision(9);  // whole counts up to a billion, never "1.04e+06"
    chart->addSeries(series);
    // The axis takes the colour of its bars, so that it is clear which scale a bar is read on.
    *axis = new QValueAxis;
    styleAxis(*axis, name);
    (*axis)->setLabelsColor(color.darker(140));
    (*axis)->setTitleBrush(color.darker(140));
    chart->addAxis(*axis, side);
    series->attachAxis(categories_);
    series->attachAxis(*axis);
    return bars;
  }

  static void show(QBarSet* bars, QValueAxis* axis, const QList<qreal>& values) {
    setValues(bars, values);
    const double largest = values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
    setNiceRange(axis, largest, 1.15);  // room for the value labels above the tallest bar
  }

  ChartsPanel::Breakdown shown(const QBarSet* set) const {
    ChartsPanel::Breakdown values;
    for (qsizetype i = 0; i < tiers_.size() && i < set->count(); ++i) values.append({tiers_[i], set->at(i)});
    return values;
  }

  QChartView* view_ = nullptr;
  QBarCategoryAxis* categories_ = nullptr;
  QBarSet* switches_ = nullptr;
  QBarSet* links_ = nullptr;
  QValueAxis* switchAxis_ = nullptr;
  QValueAxis* linkAxis_ = nullptr;
  QStringList tiers_;
};

namespace {

// IT power is the first seven parts (PowerEstimator: the component estimate, the headroom the
// provisioning basis adds to it, fabric and storage); the facility adds the last three
// (FacilityEstimator), so together they sum to power.facilityMw.
QList<BreakdownChart::Part> powerParts() {
  return {{ChartsPanel::tr("GPUs"), OutputId::powerGpuMw, 0},
          {ChartsPanel::tr("CPUs, memory, NVLink, NICs"), OutputId::powerHostMw, 0},
          {ChartsPanel::tr("Node fans"), OutputId::powerFanMw, 0},
          {ChartsPanel::tr("Power-supply losses"), OutputId::powerPsuLossMw, 0},
          {ChartsPanel::tr("Provisioning headroom"), OutputId::powerProvisioningHeadroomMw, 0},
          {ChartsPanel::tr("Fabric switches, optics"), OutputId::powerNetworkMw, 0},
          {ChartsPanel::tr("Storage"), OutputId::powerStorageMw, 0},
          {ChartsPanel::tr("Cooling plant"), OutputId::powerCoolingMw, 1},
          {ChartsPanel::tr("UPS, distribution losses"), OutputId::powerElectricalLossMw, 1},
          {ChartsPanel::tr("Lighting, offices"), OutputId::powerMiscMw, 1}};
}

// IT, facility and land capex: the parts CostEstimator sums to cost.capexUsd.
QList<BreakdownChart::Part> capexParts() {
  return {{ChartsPanel::tr("GPU systems"), OutputId::costSystemsUsd, 0},
          {ChartsPanel::tr("Fabric switches"), OutputId::costSwitchesUsd, 0},
          {ChartsPanel::tr("Optics, cables"), OutputId::costOpticsCablesUsd, 0},
          {ChartsPanel::tr("Storage"), OutputId::costStorageUsd, 0},
          {ChartsPanel::tr("Electrical plant"), OutputId::costElectricalUsd, 1},
          {ChartsPanel::tr("Cooling plant"), OutputId::costCoolingUsd, 1},
          {ChartsPanel::tr("Building"), OutputId::costBuildingUsd, 1},
          {ChartsPanel::tr("Land"), OutputId::costLandUsd, 2}};
}

}  // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QTabWidget(parent),
      power_(std::make_unique<BreakdownChart>(QStringList{tr("IT equipment"), tr("Facility overhead")},
                                              QList<QColor>{kBlue, kOrange}, powerParts())),
      capex_(std::make_unique<BreakdownChart>(QStringList{tr("IT"), tr("Facility"), tr("Land")},
                                              QList<QColor>{kBlue, kOrange, kGreen}, capexParts())),
      fabric_(std::make_unique<FabricChart>()) {
  addTab(power_->view(), tr("Power"));
  addTab(capex_->view(), tr("Capex"));
  addTab(fabric_->view(), tr("Fabric"));
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::showResult(const ResolvedScenario& scenario, const OutputValues& outputs) {
  power_->show(outputs,
               tr("Facility power at full IT load: %1 (PUE %2)")
                   .arg(formatMw(valueOf(outputs, OutputId::powerFacilityMw)))
                   .arg(valueOf(outputs, OutputId::powerPue), 0, 'f', 2),
               {tr("MW"), 1.0, formatMw});
  // Billions for a build-out, millions for a pilot: an axis of "0.00, 0.01" tells nothing.
  const double capexUsd = valueOf(outputs, OutputId::costCapexUsd);
  capex_->show(outputs, tr("Capex: %1").arg(formatUsd(capexUsd)),
               capexUsd >= 1e9 ? BreakdownChart::Unit{tr("$ billion"), 1e-9, formatUsd}
                               : BreakdownChart::Unit{tr("$ million"), 1e-6, formatUsd});
  const int planes = static_cast<int>(valueOf(outputs, OutputId::networkPlanes));
  fabric_->show(
      outputs,
      planes == 1 ? tr("Switches and links per tier") : tr("Switches and links per tier, %1 planes").arg(planes),
      scenario.switchName);
}

ChartsPanel::Breakdown ChartsPanel::powerBreakdownMw() const {
  return power_->values();
}
ChartsPanel::Breakdown ChartsPanel::capexBreakdownUsd() const {
  return capex_->values();
}
ChartsPanel::Breakdown ChartsPanel::fabricSwitchesPerTier() const {
  return fabric_->switches();
}
ChartsPanel::Breakdown ChartsPanel::fabricLinksPerTier() const {
  return fabric_->links();
}

}  // namespace gigaplan
