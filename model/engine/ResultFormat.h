#pragma once

#include <QJsonObject>
#include <QString>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"

namespace gigaplan {

/// The evaluation as JSON: the scenario's resolved inputs with unit and source, and every
/// output with its unit, grouped by section ("power", "network", ...).
QJsonObject resultJson(const ResolvedScenario& scenario, const OutputValues& outputs);

/// The evaluation as an aligned text table, one output per line, grouped by section.
QString resultTable(const ResolvedScenario& scenario, const OutputValues& outputs);

/// A number for people: thousands separators, about four significant digits.
QString formatQuantity(double value);

/// A figure's or input's name for a chart label: the first clause of its meaning, capitalised
/// ("power-supply efficiency (AC in to DC out)" reads "Power-supply efficiency").
QString shortName(const char* meaning);

}  // namespace gigaplan
