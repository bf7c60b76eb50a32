// The PDF report of the 1,000,000-GPU sample, read back with the tools a reader's machine has:
// pdftotext for the words, pdfinfo for the page count, pdftoppm for every page as an image.
#include <QDate>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <optional>

#include "engine/ResultFormat.h"
#include "plan/PresetLibrary.h"
#include "report/ProjectReport.h"

using namespace gigaplan;

namespace {

QString runTool(const QString& program, const QStringList& arguments) {
  QProcess process;
  process.start(program, arguments);
  if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
    qFatal("%s %s failed: %s", qPrintable(program), qPrintable(arguments.join(QLatin1Char(' '))),
           process.readAllStandardError().constData());
  return QString::fromUtf8(process.readAllStandardOutput());
}

/// The text of each page, laid out as on the page (pdftotext separates pages by form feeds).
QStringList pageTexts(const QString& pdf) {
  QStringList pages = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")})
                          .split(QLatin1Char('\f'));
  if (!pages.isEmpty() && pages.last().trimmed().isEmpty()) pages.removeLast();
  return pages;
}

int pdfinfoPages(const QString& pdf) {
  const QRegularExpression pages(QStringLiteral("^Pages:\\s+(\\d+)$"), QRegularExpression::MultilineOption);
  return pages.match(runTool(QStringLiteral("pdfinfo"), {pdf})).captured(1).toInt();
}

/// True when a line of the page, trimmed, is exactly `text`: a heading, not a mention in a sentence.
bool hasLine(const QString& page, const QString& text) {
  const QStringList lines = page.split(QLatin1Char('\n'));
  return std::any_of(lines.begin(), lines.end(), [&](const QString& line) { return line.trimmed() == text; });
}

/// The page a contents page gives for a title; 0 when it does not list the title.
int contentsEntryPage(const QString& contents, const QString& title) {
  const QRegularExpression entry(QStringLiteral("^\\s*%1\\s+(\\d+)\\s*$").arg(QRegularExpression::escape(title)),
                                 QRegularExpression::MultilineOption);
  return entry.match(contents).captured(1).toInt();
}

/// True when nothing is drawn right of the page body's right edge (A4, 48 pt margins), between
/// the running header and the footer: no table runs off the page. `image` is rendered at `dpi`.
bool inkStaysInTheBody(const QImage& image, int dpi) {
  const double perPt = dpi / 72.0;
  const int right = static_cast<int>(std::ceil((595.0 - 48.0) * perPt)) + 1;
  const int top = static_cast<int>(50 * perPt), bottom = static_cast<int>((842.0 - 40.0) * perPt);
  for (int y = top; y < bottom && y < image.height(); ++y)
    for (int x = right; x < image.width(); ++x)
      if (qGray(image.pixel(x, y)) < 200) return false;
  return true;
}

/// A word's box on a page, in points, as pdftotext -bbox gives it.
struct WordBox {
  int page = 0;
  QRectF box;
  QString text;
};

std::vector<WordBox> wordBoxes(const QString& pdf) {
  const QString html = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
  const QRegularExpression word(QStringLiteral(
      R"re(<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"));
  std::vector<WordBox> words;
  int page = 0;
  for (auto it = word.globalMatch(html); it.hasNext();) {
    const auto match = it.next();
    if (match.captured(0).startsWith(QLatin1String("<page"))) {
      ++page;
      continue;
    }
    words.push_back({page,
                     QRectF(QPointF(match.captured(1).toDouble(), match.captured(2).toDouble()),
                            QPointF(match.captured(3).toDouble(), match.captured(4).toDouble())),
                     match.captured(5)});
  }
  return words;
}

/// Every pair of words on one page whose boxes overlap: across by more than half a point, and
/// down by more than a fifth of the lower one (a font's boxes of adjacent lines touch).
QStringList overlappingWords(const std::vector<WordBox>& words) {
  QStringList overlaps;
  for (std::size_t i = 0; i < words.size(); ++i)
    for (std::size_t j = i + 1; j < words.size() && words[j].page == words[i].page; ++j) {
      const QRectF common = words[i].box.intersected(words[j].box);
      if (common.width() > 0.5 && common.height() > 0.2 * std::min(words[i].box.height(), words[j].box.height()))
        overlaps << QStringLiteral("page %1: '%2' over '%3'").arg(words[i].page).arg(words[i].text, words[j].text);
    }
  return overlaps;
}

QString readFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestProjectReport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    ScenarioErrors errors;
    const auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY2(project, qPrintable(errors.value(0).text()));
    QCOMPARE(project->phases.size(), std::size_t{3});
    project_ = *project;
    // A variant to compare: the same build-out with 2:1 oversubscription at the leaves.
    Variant oversubscribed{QStringLiteral("2:1 at the leaves"), project_.scenario, project_.phases, {}};
    oversubscribed.scenario.values.insert(InputId::networkOversubscriptionTier1, 2);
    project_.variants = {oversubscribed};
    QString error;
    report_ = ProjectReport::prepare(project_, &error);
    QVERIFY2(report_, qPrintable(error));
    pdf_ = dir_.filePath(QStringLiteral("report.pdf"));
    int lastDone = 0, lastTotal = 0;
    QVERIFY2(report_->writePdf(pdf_, &error,
                               [&](int done, int total) {
                                 lastDone = done;
                                 lastTotal = total;
                                 return true;
                               }),
             qPrintable(error));
    pageCount_ = pdfinfoPages(pdf_);
    QVERIFY(pageCount_ >= 10);
    QCOMPARE(lastTotal, pageCount_);
    QCOMPARE(lastDone, pageCount_);
    pages_ = pageTexts(pdf_);
    QCOMPARE(pages_.size(), pageCount_);
  }

  void holdsTheModelsNumbers() {
    const QString text = pages_.join(QLatin1Char('\n'));
    const OutputValues& site = report_->siteOutputs();
    QCOMPARE(valueOf(site, OutputId::clusterGpus), 1e6);
    QVERIFY(text.contains(QStringLiteral("1,000,000")));
    QVERIFY(text.contains(QStringLiteral("Colossus to 1M GPUs in three phases")));
    const PhasePlan& plan = report_->plan();
    QCOMPARE(plan.phases.size(), std::size_t{3});
    for (const PhaseResult& phase : plan.phases) {
      QVERIFY2(text.contains(phase.name), qPrintable(phase.name));
      QVERIFY2(text.contains(ProjectReport::formatDate(phase.training)), qPrintable(phase.name));
      const QString facility = ProjectReport::formatMw(valueOf(phase.site, OutputId::powerFacilityMw));
      QVERIFY2(text.contains(facility), qPrintable(facility));
      QVERIFY(text.contains(ProjectReport::formatUsd(valueOf(phase.added, OutputId::costCapexUsd))));
    }
    // The site's facility power as the report writes it: one decimal, thousands separated, in MW.
    const QString facility = ProjectReport::formatMw(valueOf(site, OutputId::powerFacilityMw));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{1,3}(,\\d{3})*\\.\\d MW$")).match(facility).hasMatch());
    QVERIFY(pages_[2].contains(facility));  // the executive summary
    QVERIFY(pages_[2].contains(ProjectReport::formatUsd(valueOf(site, OutputId::costCapexUsd))));
  }

  void eachHeadlineFigureHasOneValueForTheWholeSite() {
    // Every place the report gives a headline figure of the whole site, read back from the PDF:
    // the title page, the executive summary, the cost breakdown, the phases' last row and
    // column, and the last column of "All figures". Each must be the one value of the site.
    const QString text = pages_.join(QLatin1Char('\n'));
    const OutputValues& site = report_->siteOutputs();
    const QString lastPhase = report_->plan().phases.back().name;
    struct Headline {
      QString value;
      QStringList patterns;  ///< each captures the value in group 1; all must occur at least once
    };
    const QString number = QStringLiteral("(\\$?-?[\\d,.]+[BMk]?(?: MW)?)");
    const QString last = QStringLiteral(".*\\s") + number + QStringLiteral("$");
    const std::vector<Headline> headlines{
        {ProjectReport::formatCount(valueOf(site, OutputId::clusterGpus)),
         {QStringLiteral("^Total GPUs\\s+") + number,
          QStringLiteral("^GPUs\\s+") + number + QStringLiteral(" [\\d,]+ nodes in"),
          QStringLiteral("^GPUs in the build-out\\s+GPUs") + last}},
        {ProjectReport::formatMw(valueOf(site, OutputId::powerFacilityMw)),
         {QStringLiteral("^Facility power\\s+") + number,
          QStringLiteral("^Facility power at maximum IT load\\s+MW") + last}},
        {ProjectReport::formatUsd(valueOf(site, OutputId::costCapexUsd)),
         {QStringLiteral("^Capex\\s+") + number, QStringLiteral("^Capex: ") + number,
          QStringLiteral("^capex\\s{3,}\\$") + last, QStringLiteral("^Capex total\\s+USD") + last}},
        {ProjectReport::formatUsd(valueOf(site, OutputId::costTcoUsdPerYear)),
         {QStringLiteral("^TCO per year\\s+") + number, QStringLiteral("^site TCO per year after it") + last,
          QStringLiteral("^Total cost of ownership per year\\s+USD/year") + last}},
        {ProjectReport::formatUsd(valueOf(site, OutputId::costUsdPerGpuHour)),
         {QStringLiteral("^Cost per GPU-hour\\s+") + number,
          QStringLiteral("^Cost per GPU-hour at the given utilization\\s+USD") + last}},
    };
    for (const Headline& headline : headlines) {
      for (const QString& pattern : headline.patterns) {
        const QRegularExpression expression(pattern, QRegularExpression::MultilineOption);
        int seen = 0;
        for (auto match = expression.globalMatch(text); match.hasNext();) {
          // The all-figures table gives the unit in a column of its own.
          const QString found = match.next().captured(1);
          QVERIFY2(found == headline.value || found + QStringLiteral(" MW") == headline.value,
                   qPrintable(QStringLiteral("%1: %2, not %3").arg(pattern, found, headline.value)));
          ++seen;
        }
        QVERIFY2(seen > 0, qPrintable(QStringLiteral("no line matches %1").arg(pattern)));
      }
    }
    // The phases table: the last phase's row gives the site's GPUs online and facility power.
    const QRegularExpression lastRow(QStringLiteral("^") + QRegularExpression::escape(lastPhase) + QStringLiteral(".*"),
                                     QRegularExpression::MultilineOption);
    const QString row = lastRow.match(text).captured(0);
    QVERIFY2(row.contains(headlines[0].value) && row.contains(headlines[1].value), qPrintable(row));
  }

  void comparesTheVariants() {
    const auto page = std::find_if(pages_.begin(), pages_.end(), [](const QString& text) {
      return hasLine(text, QStringLiteral("Variant: 2:1 at the leaves"));
    });
    QVERIFY(page != pages_.end());
    // Oversubscribed: the variant is cheaper (capex), the plan has more bisection per GPU.
    QVERIFY(page->contains(QStringLiteral("\u2713 variant")));
    QVERIFY(page->contains(QStringLiteral("\u2713 plan")));
    // Both on the engine's cable estimates: the plan's figures as the plan gives them.
    const QString planCapex =
        ProjectReport::formatUsd(valueOf(report_->plan().phases.back().site, OutputId::costCapexUsd));
    QVERIFY2(page->contains(planCapex), qPrintable(planCapex));
    // The variant keeps the plan's tenants: their revenue is compared too.
    QVERIFY(page->contains(QStringLiteral("revenue from every tenant")));
  }

  void assumptionsListThePlanningChoices() {
    // The choices that decide how figures are counted are in the assumptions, as their names, and on
    // the page.
    const std::vector<ReportAssumption> list = report_->assumptions();
    auto find = [&](const char* path) {
      return std::find_if(list.begin(), list.end(),
                          [&](const ReportAssumption& a) { return a.path == QLatin1String(path); });
    };
    for (const char* path : {"power.provisioningBasis", "cost.amortization", "electrical.distribution",
                             "reliability.checkpointIntervalMode", "cost.nonEnergyOpexUsdPerMwYear",
                             "site.gridCarbonKgPerKwh", "reliability.checkpointWriteGBpsPerGpu"})
      QVERIFY2(find(path) != list.end(), path);
    QCOMPARE(find("power.provisioningBasis")->value, QStringLiteral("vendorMaximum"));
    QCOMPARE(find("cost.amortization")->value, QStringLiteral("costOfCapital"));
    QVERIFY(pages_.join(QLatin1Char('\n')).contains(QStringLiteral("power.provisioningBasis")));
    // The power supplies the bill of materials buys are the evaluation's count.
    const std::vector<BillOfMaterialsItem> items = report_->billOfMaterials();
    const auto supplies = std::find_if(items.begin(), items.end(), [](const BillOfMaterialsItem& i) {
      return i.origin == QLatin1String("power.powerSupplies");
    });
    QVERIFY(supplies != items.end());
    QCOMPARE(supplies->quantity, valueOf(report_->siteOutputs(), OutputId::powerPowerSupplies));
    QVERIFY(supplies->quantity > 0);
  }

  void billOfMaterialsCountsTheSitesSwitches() {
    const OutputValues& site = report_->siteOutputs();
    const std::vector<BillOfMaterialsItem> items = report_->billOfMaterials();
    const QString bomPage = pages_.value(sectionPage(QStringLiteral("Bill of materials")) - 1);
    const std::pair<OutputId, const char*> tiers[] = {{OutputId::networkSwitchesTier1, "tier 1 \\(leaf\\)"},
                                                      {OutputId::networkSwitchesTier2, "tier 2 \\(spine\\)"},
                                                      {OutputId::networkSwitchesTier3, "tier 3 \\(core\\)"}};
    for (const auto& [id, label] : tiers) {
      const double switches = valueOf(site, id);
      QVERIFY(switches > 0);
      const auto item = std::find_if(items.begin(), items.end(), [&](const BillOfMaterialsItem& i) {
        return i.origin == QString::fromLatin1(outputSpec(id).path);
      });
      QVERIFY(item != items.end());
      QCOMPARE(item->quantity, switches);
      // The same count on the page, in the row of its tier.
      const QRegularExpression row(
          QStringLiteral("%1\\s+%2\\s+switches")
              .arg(QString::fromLatin1(label), QRegularExpression::escape(ProjectReport::formatCount(switches))));
      QVERIFY2(row.match(bomPage).hasMatch(), label);
    }
    // GPUs by system add up to the site's, and the floor's racks by role to all its racks.
    double gpus = 0, racks = 0;
    for (const BillOfMaterialsItem& item : items) {
      if (item.group == QLatin1String("GPU systems") && item.unit == QLatin1String("GPUs")) gpus += item.quantity;
      if (item.origin == QLatin1String("layout") && !item.item.startsWith(QLatin1String("all racks")))
        racks += item.quantity;
    }
    QCOMPARE(gpus, 1e6);
    QCOMPARE(racks, static_cast<double>(report_->project().layout.racks.size()));
  }

  void everyPageSaysWhichOfHowMany() {
    for (int page = 1; page <= pageCount_; ++page) {
      const QString expected = QStringLiteral("page %1 of %2").arg(page).arg(pageCount_);
      QVERIFY2(pages_[page - 1].contains(expected), qPrintable(expected));
    }
  }

  void contentsGiveThePagesOfTheSections() {
    const QString contents = pages_[1];
    QVERIFY(hasLine(contents, QStringLiteral("Contents")));
    QStringList expected = {QStringLiteral("Executive summary"), QStringLiteral("Phases"),
                            QStringLiteral("Tenants"),           QStringLiteral("Floor plans"),
                            QStringLiteral("Bill of materials"), QStringLiteral("Assumptions"),
                            QStringLiteral("Calibration"),       QStringLiteral("All figures")};
    for (const PhaseResult& phase : report_->plan().phases)
      expected << QStringLiteral("Floor plan after %1").arg(phase.name);
    int previous = 2;
    for (const QString& title : expected) {
      const int page = sectionPage(title);
      QVERIFY2(page > 2 && page <= pageCount_, qPrintable(title));
      // The heading is on that page, and not on the page before: the section starts there.
      QVERIFY2(hasLine(pages_[page - 1], title), qPrintable(QStringLiteral("%1 not on page %2").arg(title).arg(page)));
      QVERIFY2(!hasLine(pages_[page - 2], title), qPrintable(title));
      if (!title.startsWith(QLatin1String("Floor plan after"))) {
        QVERIFY2(page >= previous, qPrintable(title));  // in the order of the report
        previous = page;
      }
    }
  }

  void showsTheTenants() {
    const std::optional<TenantPlan>& tenants = report_->result().tenants;
    QVERIFY(tenants);
    QCOMPARE(tenants->tenants.size(), std::size_t{2});
    const TenantFigures& operatorTraining = tenants->tenants[0];
    const TenantFigures& partner = tenants->tenants[1];
    QCOMPARE(operatorTraining.name, QStringLiteral("Operator training"));
    QCOMPARE(partner.name, QStringLiteral("Partner lab"));
    // 400,000 GB200 at $3.50 per GPU-hour, 90 % of 8,760 hours a year.
    QCOMPARE(partner.revenueUsdPerYear, 400000.0 * 8760.0 * 0.9 * 3.5);
    QCOMPARE(partner.revenueUsdPerYear, 11037600000.0);
    const QString revenue = ProjectReport::formatUsd(partner.revenueUsdPerYear);
    QCOMPARE(revenue, QStringLiteral("$11.04B"));

    // The section is where the contents say, after the phases, and every page still says of how many.
    const int page = sectionPage(QStringLiteral("Tenants"));
    QVERIFY(page > sectionPage(QStringLiteral("Phases")) && page < sectionPage(QStringLiteral("Floor plans")));
    QCOMPARE(pdfinfoPages(pdf_), pageCount_);
    const QString text = pages_.value(page - 1);
    QVERIFY(hasLine(text, QStringLiteral("Tenants")));
    QVERIFY(text.contains(QStringLiteral("page %1 of %2").arg(page).arg(pageCount_)));

    // Each tenant's row, every cell on one line (none wrapped inside a number): the floor's GPUs
    // come from the racks marked for it, whole halls for the partner.
    const std::vector<double>& floor = report_->tenantFloorGpus();
    QCOMPARE(floor.size(), std::size_t{3});
    QVERIFY(floor[2] >= partner.gpus);
    const auto cells = [](const QStringList& values) {
      QStringList escaped;
      for (const QString& value : values) escaped << QRegularExpression::escape(value);
      return QRegularExpression(
          QStringLiteral("^\\s*") + escaped.join(QStringLiteral("\\s+")) + QStringLiteral("\\s*$"),
          QRegularExpression::MultilineOption);
    };
    const auto percent = [](double fraction) { return QString::number(fraction * 100, 'f', 1) + QStringLiteral(" %"); };
    const QRegularExpression partnerRow = cells(
        {partner.name, QStringLiteral("own halls"), QStringLiteral("400,000"), ProjectReport::formatCount(floor[2]),
         QStringLiteral("$3.50"), QStringLiteral("90 %"), percent(partner.powerShare), percent(partner.costShare),
         revenue, ProjectReport::formatUsd(partner.marginUsdPerYear), QString::number(partner.paybackYears, 'f', 1)});
    QVERIFY2(partnerRow.match(text).hasMatch(), qPrintable(text));
    QVERIFY(!std::isfinite(operatorTraining.paybackYears));  // at $0 it earns nothing
    QVERIFY(
        QRegularExpression(QStringLiteral("Operator training\\s.*\\snever\\s*$"), QRegularExpression::MultilineOption)
            .match(text)
            .hasMatch());
    const TenantFigures& site = tenants->operatorTotal;
    QCOMPARE(site.revenueUsdPerYear, valueOf(report_->siteOutputs(), OutputId::tenantsRevenueUsdPerYear));
    QVERIFY(QRegularExpression(QStringLiteral("operator \\(whole site\\).*%1\\s+%2")
                                   .arg(QRegularExpression::escape(ProjectReport::formatUsd(site.revenueUsdPerYear)),
                                        QRegularExpression::escape(ProjectReport::formatUsd(site.marginUsdPerYear))))
                .match(text)
                .hasMatch());
    // What isolation costs the partner, and the largest job it can run (its MTBI as the summary gives one).
    QVERIFY(partner.isolationSwitches > 0);
    const QString mtbi = partner.mtbiHours < 1 ? formatQuantity(partner.mtbiHours * 60) + QStringLiteral(" min")
                                               : formatQuantity(partner.mtbiHours) + QStringLiteral(" h");
    const QRegularExpression isolationRow =
        cells({partner.name, QStringLiteral("own halls"), ProjectReport::formatCount(partner.isolationSwitches),
               ProjectReport::formatCount(partner.strandedPorts), ProjectReport::formatUsd(partner.isolationCapexUsd),
               formatQuantity(partner.bisectionLostPbps), ProjectReport::formatCount(partner.largestJobGpus),
               formatQuantity(partner.interruptionsPerDay), mtbi});
    QVERIFY2(isolationRow.match(text).hasMatch(), qPrintable(text));

    // The executive summary gives what the tenants pay, the margin and the payback.
    const QString summary = pages_[2];
    QVERIFY(summary.contains(ProjectReport::formatUsd(site.revenueUsdPerYear)));
    QVERIFY(summary.contains(ProjectReport::formatUsd(site.marginUsdPerYear)));
    QVERIFY(QRegularExpression(QStringLiteral("pays\\s+back\\s+in\\s+%1\\s+years")
                                   .arg(QRegularExpression::escape(QString::number(site.paybackYears, 'f', 1))))
                .match(summary)
                .hasMatch());

    // Rendered, the tables stay inside the page's margins.
    const QString images = dir_.filePath(QStringLiteral("tenants"));
    QVERIFY(QDir().mkpath(images));
    runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"),
                                         QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                         QString::number(page), pdf_, images + QStringLiteral("/page")});
    const QFileInfoList files = QDir(images).entryInfoList({QStringLiteral("*.png")}, QDir::Files);
    QCOMPARE(files.size(), 1);
    QVERIFY(inkStaysInTheBody(QImage(files.first().filePath()), 60));
  }

  void aProjectWithoutTenantsHasNoTenantsSection() {
    Project plain = project_;
    plain.tenants.clear();
    plain.variants.clear();
    QString error;
    const auto report = ProjectReport::prepare(plain, &error);
    QVERIFY2(report, qPrintable(error));
    QVERIFY(!report->result().tenants);
    QVERIFY(report->tenantFloorGpus().empty());
    QTemporaryDir dir;  // apart from dir_, whose PDFs another test counts
    QVERIFY(dir.isValid());
    const QString pdf = dir.filePath(QStringLiteral("no-tenants.pdf"));
    QVERIFY2(report->writePdf(pdf, &error), qPrintable(error));
    const QStringList pages = pageTexts(pdf);
    QCOMPARE(pages.size(), pdfinfoPages(pdf));
    QVERIFY(pages.size() < pageCount_);
    QCOMPARE(contentsEntryPage(pages.value(1), QStringLiteral("Tenants")), 0);
    QVERIFY(contentsEntryPage(pages.value(1), QStringLiteral("Phases")) > 2);
    for (const QString& page : pages) QVERIFY(!hasLine(page, QStringLiteral("Tenants")));
    QVERIFY(!pages.value(2).contains(QStringLiteral("tenant")));
    QVERIFY(!pages.value(2).contains(QStringLiteral("pays back")));
  }

  void noWordOverlapsAnotherEvenWhenPhasesCrowd() {
    // The sample's report, and a build-out whose eight phases train a week apart with nearly the
    // same GPUs and megawatts: every chart label finds a place of its own.
    const QStringList sampleOverlaps = overlappingWords(wordBoxes(pdf_));
    QVERIFY2(sampleOverlaps.isEmpty(), qPrintable(sampleOverlaps.join(QLatin1Char('\n'))));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString phases;
    for (int k = 0; k < 8; ++k)
      phases += QStringLiteral(
                    R"(%1{"name": "Step %2", "start": "%3", "systems": [{"type": "hgx-h100-liquid", "gpus": %4}]})")
                    .arg(k ? QStringLiteral(", ") : QString())
                    .arg(k + 1)
                    .arg(QDate(2025, 1, 1).addDays(7 * k).toString(Qt::ISODate))
                    .arg(k ? 2000 : 20000);
    QFile scenario(dir.filePath(QStringLiteral("crowded.json")));
    QVERIFY(scenario.open(QIODevice::WriteOnly));
    scenario.write(QStringLiteral(R"({"format": "gigaplan-scenario/1", "name": "Crowded phases",
      "system": {"type": "hgx-h100-liquid"}, "cluster": {"gpus": 20000}, "site": {"gridMw": 150},
      "phases": [%1]})")
                       .arg(phases)
                       .toUtf8());
    scenario.close();
    ScenarioErrors errors;
    const auto crowded = PresetLibrary::loadProject(scenario.fileName(), errors);
    QVERIFY2(crowded, qPrintable(errors.value(0).text()));
    QString error;
    const auto report = ProjectReport::prepare(*crowded, &error);
    QVERIFY2(report, qPrintable(error));
    const QString pdf = dir.filePath(QStringLiteral("crowded.pdf"));
    QVERIFY2(report->writePdf(pdf, &error), qPrintable(error));
    const std::vector<WordBox> words = wordBoxes(pdf);
    const QStringList overlaps = overlappingWords(words);
    QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QLatin1Char('\n'))));
    // None was left out for want of room: each phase's label is on both timeline charts.
    for (int k = 1; k <= 8; ++k) {
      const auto labels = std::count_if(words.begin(), words.end(),
                                        [&](const WordBox& w) { return w.text == QStringLiteral("P%1:").arg(k); });
      QVERIFY2(labels >= 2, qPrintable(QStringLiteral("P%1: %2 labels").arg(k).arg(labels)));
    }
  }

  void everyPageRenders() {
    const QString images = dir_.filePath(QStringLiteral("pages"));
    QVERIFY(QDir().mkpath(images));
    runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"), pdf_,
                                         images + QStringLiteral("/page")});
    const QFileInfoList files = QDir(images).entryInfoList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), pageCount_);
    for (const QFileInfo& file : files) {
      QVERIFY2(file.size() > 0, qPrintable(file.fileName()));
      const QImage image(file.filePath());
      QVERIFY2(!image.isNull(), qPrintable(file.fileName()));
      // Something is drawn: at least the footer, so not every pixel is white.
      int inked = 0;
      for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) inked += qGray(image.pixel(x, y)) < 200;
      QVERIFY2(inked > 50, qPrintable(file.fileName()));
    }
  }

  void aCancelledReportWritesNothing() {
    const QString path = dir_.filePath(QStringLiteral("cancelled.pdf"));
    QString error;
    int calls = 0;
    QVERIFY(!ProjectReport::write(project_, path, &error, [&](int done, int) {
      ++calls;
      return done < 3;
    }));
    QCOMPARE(calls, 3);
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(path));

    // An older report at the path stays as it was.
    const QString older = dir_.filePath(QStringLiteral("older.pdf"));
    QFile file(older);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("an older report");
    file.close();
    QVERIFY(!report_->writePdf(older, &error, [](int, int) { return false; }));
    QCOMPARE(readFile(older), QStringLiteral("an older report"));
    QCOMPARE(QDir(dir_.path()).entryList({QStringLiteral("*.pdf*")}, QDir::Files),
             QStringList({QStringLiteral("older.pdf"), QStringLiteral("report.pdf")}));
  }

  void anUnwritablePathGivesAnErrorAndNoFile() {
    const QString path = dir_.filePath(QStringLiteral("no-such-folder/report.pdf"));
    QString error;
    QVERIFY(!report_->writePdf(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
  }

  void aProjectThatDoesNotEvaluateNamesTheField() {
    Project broken = project_;
    broken.phases[1].inputs.insert(InputId::facilityPue, 0.5);
    QString error;
    QVERIFY(!ProjectReport::prepare(broken, &error));
    QVERIFY2(error.contains(QStringLiteral("facility.pue")), qPrintable(error));
  }

  void exportsAgreeWithTheReport() {
    const QStringList bom = report_->billOfMaterialsCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(bom.first(), QStringLiteral("group,item,quantity,unit,from"));
    QCOMPARE(bom.size(), static_cast<int>(report_->billOfMaterials().size()) + 1);
    const QStringList leaves = bom.filter(QStringLiteral(",network.switchesTier1"));
    QCOMPARE(leaves.size(), 1);
    QCOMPARE(leaves.first().section(QLatin1Char(','), 2, 2).toDouble(),
             valueOf(report_->siteOutputs(), OutputId::networkSwitchesTier1));

    const QStringList figures = report_->figuresCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(figures.size(), static_cast<int>(kOutputCount) + 1);
    QVERIFY(figures.first().startsWith(QStringLiteral("path,unit,meaning,")));
    for (const PhaseResult& phase : report_->plan().phases) QVERIFY(figures.first().contains(phase.name));
    const QStringList gpus = figures.filter(QRegularExpression(QStringLiteral("^cluster\\.gpus,")));
    QCOMPARE(gpus.size(), 1);
    QCOMPARE(gpus.first().section(QLatin1Char(','), -3), QStringLiteral("100000,200000,1000000"));

    // The scenario document reads back as the same project.
    const QString path = dir_.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(ProjectReport::scenarioJson(project_)).toJson());
    file.close();
    ScenarioErrors errors;
    const auto again = PresetLibrary::loadProject(path, errors);
    QVERIFY2(again, qPrintable(errors.value(0).text()));
    QCOMPARE(again->scenario.name, project_.scenario.name);
    QVERIFY(again->phases == project_.phases);
  }

 private:
  /// The page the contents give for a title.
  int sectionPage(const QString& title) const { return contentsEntryPage(pages_.value(1), title); }

  QTemporaryDir dir_;
  Project project_;
  std::optional<ProjectReport> report_;
  QString pdf_;
  int pageCount_ = 0;
  QStringList pages_;
};

int main(int argc, char** argv) {
  // The report draws text, which takes a QGuiApplication; no display needed.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  TestProjectReport test;
  return QTest::qExec(&test, argc, argv);
}

#include "TestProjectReport.moc"
