#pragma once

#include <QColor>
#include <QDate>
#include <QRectF>
#include <QString>
#include <memory>
#include <vector>

#include "layout/LayoutMetrics.h"
#include "layout/SiteLayout.h"
#include "report/ProjectReport.h"
#include "report/ReportPageFlow.h"
#include "report/ReportStyle.h"

class QPaintDevice;

namespace gigaplan::report {

struct FloorPlanScope;

/// Lays the report out on pages. Built twice: the first run counts the contents entries, the
/// second reserves their lines, so the page numbers the contents give are those of the pages.
///
/// Its blocks (paragraphs, bullets, headings, tables) are in ReportBuilder.cpp; its sections, in
/// the report's order, in ReportSummarySections.cpp, ReportPhaseSections.cpp,
/// ReportTenantAndVariantSections.cpp, ReportFailureSections.cpp and ReportAppendixSections.cpp.
class ReportBuilder {
 public:
  ReportBuilder(const ProjectReport& report, QPaintDevice* device, const QRectF& page, const QDate& issued,
                const std::vector<ContentsEntry>& plannedContents);

  std::vector<ReportPage> build();
  const std::vector<ContentsEntry>& contents() const { return *contents_; }

 private:
  const std::vector<PhaseResult>& phases() const { return report_.plan().phases; }

  double textHeight(const QString& text, const QFont& font, double width) const {
    return wrappedTextHeight(text, font, width, device_);
  }

  // Blocks.
  void paragraph(const QString& text, double pointSize = 9.0, const QColor& colour = kText, double spaceAfter = 6.0);
  /// A list item: a bullet and text wrapped beside it.
  void bullet(const QString& text);
  /// A numbered section: starts a page and is listed in the contents.
  void section(const QString& title);
  /// A heading inside a section, kept on the page with `keepPt` of what follows it.
  void subsection(const QString& title, bool inContents = false, double keepPt = 60.0);
  /// A table, split between rows over as many pages as it needs, its header on each page.
  void placeTable(const Table& table);

  // Title page, contents and executive summary (ReportSummarySections.cpp).
  void titlePage();
  void contentsPage();
  void executiveSummary();

  // The phases and the floor after each (ReportPhaseSections.cpp).
  void phasesSection();
  void floorPlans();
  /// The halls a phase adds: their IT load against the feed, density and floor load.
  void hallsTable(const SiteLayout& layout, const LayoutMetrics& metrics, const FloorPlanScope& scope, int phase,
                  const QString& title);

  // Tenants and variants (ReportTenantAndVariantSections.cpp).
  /// Who uses the cluster: each tenant's share of the site and what it earns, then what its
  /// isolation costs and what its largest job sees. Nothing without tenants.
  void tenantsSection();
  /// The variants kept with the project against the plan: headline figures side by side, with
  /// the difference in % of the plan and the better value marked.
  void variants();

  // Failure domains and availability (ReportFailureSections.cpp).
  /// What fails on the floor, what goes down with it, and what it costs over a year: the levels
  /// with their redundancy, the availability figures, the worst single failures and the tenants
  /// they reach.
  void failuresSection();

  // Bill of materials, assumptions, calibration and all figures (ReportAppendixSections.cpp).
  void billOfMaterials();
  void assumptions();
  void calibration();
  void allFigures();

  const ProjectReport& report_;
  QPaintDevice* device_;
  QDate issued_;
  PageCursor cursor_;
  std::vector<ContentsEntry> plannedContents_;
  std::shared_ptr<std::vector<ContentsEntry>> contents_;
  std::shared_ptr<const LayoutMetrics> metrics_;
};

}  // namespace gigaplan::report
