// gigaplan-cli what-if subcommands: the tornado and Monte Carlo bands of one scenario, and two
// variants compared figure by figure.
#pragma once

#include <QStringList>

namespace gigaplan::cli {

int runWhatIf(const QStringList& arguments);
int runCompare(const QStringList& arguments);

}  // namespace gigaplan::cli
