#pragma once

#include <QByteArray>
#include <QJsonObject>

#include "optimize/DesignSearch.h"

namespace gigaplan {

/// The figures every design of a front is shown with, besides its objectives and constraints.
const std::vector<OutputId>& frontFigures();

/// The front as JSON: the search (seed, generations, designs screened, finalists), then each design
/// of the front with its choices, its objectives and constraints, the headline figures and, for a
/// design that breaks the constraints, why.
QJsonObject frontJson(const OptimizeSpec& spec, const SearchResult& result);

/// Whether a design beats the spec's reference plan: it keeps the constraints, does better in the
/// first objective and no worse in the others.
bool beatsReference(const OptimizeSpec& spec, const Finalist& design);
/// The front against the reference, in words: how many designs beat it, or why none does.
QString referenceVerdict(const OptimizeSpec& spec, const SearchResult& result);

/// The front as CSV: a row per design, its choices then its figures.
QByteArray frontCsv(const OptimizeSpec& spec, const SearchResult& result);

}  // namespace gigaplan
