// gigaplan-cli what-if commands: the tornado and Monte Carlo bands of one scenario, and two
// variants compared figure by figure.
#pragma once

#include <QStringList>

namespace gigaplan::cli {

int commandWhatIf(const QStringList& arguments);
int commandCompare(const QStringList& arguments);

}  // namespace gigaplan::cli
