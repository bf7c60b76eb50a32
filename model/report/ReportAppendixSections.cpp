// The report's reference sections: the bill of materials, the assumptions, the calibration
// against published figures, and every output after each phase.

#include <QLocale>
#include <algorithm>

#include "engine/ResultFormat.h"
#include "report/ReportBuilder.h"

namespace gigaplan::report {

void ReportBuilder::billOfMaterials() {
  section(QStringLiteral("Bill of materials"));
  paragraph(
      QStringLiteral("What the site holds after the last phase, as it stands on the floor: GPU systems, "
                     "racks, switches and CDUs are counted there, links and their transceivers and cables follow "
                     "from the switches on the floor, and electrical plant from the power they draw (the figure "
                     "named under \u201cfrom\u201d)."));
  Table table{{{QStringLiteral("Item"), 0.36},
               {QStringLiteral("Quantity"), 0.16, Qt::AlignRight},
               {QStringLiteral("Unit"), 0.12},
               {QStringLiteral("From"), 0.36}},
              {},
              8};
  QString group, previous;
  for (const BillOfMaterialsItem& item : report_.billOfMaterials()) {
    if (item.group != group) {
      group = item.group;
      table.rows.push_back({{group}, true});
    }
    // A system's GPUs, nodes and racks follow each other: its name once.
    table.rows.push_back({{item.item == previous ? QString() : item.item, formatFigure(item.quantity, item.unit),
                           item.unit, item.origin}});
    previous = item.item;
  }
  placeTable(table);
}

void ReportBuilder::assumptions() {
  section(QStringLiteral("Assumptions"));
  paragraph(
      QStringLiteral("The inputs set in this project, the catalog values of its hardware, and the key "
                     "defaults, each with its source and how far to trust it: verified (published by the "
                     "maker), secondary (reported by others), derived (computed from published figures), "
                     "estimate (our judgement), input (the planner's own). \u2018gigaplan-cli schema\u2019 "
                     "documents every input."));
  Table table{{{QStringLiteral("Input"), 0.27},
               {QStringLiteral("Value"), 0.12, Qt::AlignRight},
               {QStringLiteral("Unit"), 0.09},
               {QStringLiteral("Source"), 0.41},
               {QStringLiteral("Confidence"), 0.11}},
              {},
              7};
  QString group;
  for (const ReportAssumption& assumption : report_.assumptions()) {
    if (assumption.group != group) {
      group = assumption.group;
      table.rows.push_back({{group}, true});
    }
    table.rows.push_back(
        {{assumption.path, assumption.value, assumption.unit, assumption.source, assumption.confidence}});
  }
  placeTable(table);
}

void ReportBuilder::calibration() {
  section(QStringLiteral("Calibration"));
  const QList<CalibrationResult>& results = report_.calibration();
  const auto passed =
      std::count_if(results.begin(), results.end(), [](const CalibrationResult& r) { return r.passed; });
  paragraph(QStringLiteral("The engine against published figures (DGX SuperPOD fabrics, fat-tree formulas, Llama 3 "
                           "interruptions, cost breakdowns), as \u2018gigaplan-cli calibrate\u2019 computes them: %1 "
                           "of %2 within tolerance.")
                .arg(passed)
                .arg(results.size()));
  Table table{{{QStringLiteral("Reference"), 0.3},
               {QStringLiteral("Figure"), 0.27},
               {QStringLiteral("Expected"), 0.12, Qt::AlignRight},
               {QStringLiteral("Model"), 0.12, Qt::AlignRight},
               {QStringLiteral("Error"), 0.1, Qt::AlignRight},
               {QStringLiteral("Result"), 0.09}},
              {},
              6.4};
  const QLocale locale(QLocale::English);
  for (const CalibrationResult& result : results) {
    const CalibrationReference& reference = result.reference;
    const bool atLeast = reference.comparison == CalibrationReference::Comparison::AtLeast;
    const QString verdict = !result.problem.isEmpty() ? QStringLiteral("error")
                            : result.passed           ? QStringLiteral("pass")
                                                      : QStringLiteral("MISS");
    table.rows.push_back(
        {{reference.id, reference.path,
          (atLeast ? QStringLiteral("\u2265 ") : QString()) + formatQuantity(reference.expected),
          result.problem.isEmpty() ? formatQuantity(result.modelValue) : QStringLiteral("\u2014"),
          result.problem.isEmpty() ? locale.toString(result.relativeError * 100, 'f', 2) + QStringLiteral(" %")
                                   : QStringLiteral("\u2014"),
          verdict}});
  }
  placeTable(table);
}

void ReportBuilder::allFigures() {
  section(QStringLiteral("All figures"));
  paragraph(
      QStringLiteral("Every output of the engine for the whole site after each phase, by name (the figures CSV "
                     "holds the same by path, at full precision). The power and cooling units and the availability "
                     "are counted on the floor once every phase is built (\u2014 before)."));
  const auto& plan = phases();
  constexpr std::size_t kPhasesPerTable = 3;
  for (std::size_t first = 0; first < plan.size(); first += kPhasesPerTable) {
    const std::size_t count = std::min(kPhasesPerTable, plan.size() - first);
    Table table{{{QStringLiteral("Figure"), 0.40}, {QStringLiteral("Unit"), 0.10}}, {}, 7};
    for (std::size_t k = first; k < first + count; ++k)
      table.columns.push_back({plan[k].name, 0.50 / static_cast<double>(kPhasesPerTable), Qt::AlignRight});
    QString group;
    for (const OutputSpec& spec : outputSpecs()) {
      const QString path = QString::fromLatin1(spec.path);
      const QString section = path.section(QLatin1Char('.'), 0, 0);
      // Without tenants their figures are all zero: left out, as the Tenants section is.
      if (section == QLatin1String("tenants") && report_.project().tenants.empty()) continue;
      if (section != group) {
        group = section;
        table.rows.push_back({{group.left(1).toUpper() + group.mid(1)}, true});
      }
      TableRow row{{shortName(spec.meaning), QString::fromLatin1(spec.unit)}};
      for (std::size_t k = first; k < first + count; ++k)
        row.cells << formatFigure(plan[k].site[static_cast<std::size_t>(spec.id)], QString::fromLatin1(spec.unit));
      table.rows.push_back(row);
    }
    placeTable(table);
  }
}

}  // namespace gigaplan::report
