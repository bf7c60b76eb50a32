// Makes a VTK warning or error a test failure: GL tests install the guard before their first
// render, and main() fails the run when VTK reported anything (as 3D Slicer's test drivers do).
#pragma once

#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkSmartPointer.h>

#include <cstdio>
#include <string>
#include <vector>

namespace gigaplan::test {

/// Records every warning and error VTK reports instead of printing it.
class VtkMessageGuard : public vtkOutputWindow {
 public:
  static VtkMessageGuard* New();
  vtkTypeMacro(VtkMessageGuard, vtkOutputWindow);

  /// Installs a guard as VTK's output window and returns it (VTK keeps it alive).
  static VtkMessageGuard* install() {
    vtkSmartPointer<VtkMessageGuard> guard = vtkSmartPointer<VtkMessageGuard>::New();
    vtkOutputWindow::SetInstance(guard);
    return guard;
  }

  void DisplayErrorText(const char* text) override { messages.emplace_back(std::string("error: ") + text); }
  void DisplayWarningText(const char* text) override { messages.emplace_back(std::string("warning: ") + text); }
  void DisplayGenericWarningText(const char* text) override { messages.emplace_back(std::string("warning: ") + text); }

  /// Prints what VTK reported and returns the exit status a test run should end with.
  int exitStatus(int testStatus) const {
    for (const std::string& message : messages) std::fprintf(stderr, "FAIL: VTK reported %s\n", message.c_str());
    return messages.empty() ? testStatus : 1;
  }

  std::vector<std::string> messages;
};

inline vtkStandardNewMacro(VtkMessageGuard);

}  // namespace gigaplan::test
