"""What the export checks share: collecting failures, and a project's figures as `evaluate` gives them."""
import json
import subprocess

failures = []


def check(condition, message):
    """Records and prints a failure when `condition` is false; returns the condition."""
    if not condition:
        failures.append(message)
        print("FAIL:", message)
    return condition


def figures_of(cli, source):
    """Every figure of a project, preset or scenario by its path ("network.linksTier1")."""
    outputs = json.loads(subprocess.run([cli, "evaluate", source, "--format", "json"], check=True,
                                        capture_output=True, text=True).stdout)["outputs"]
    return {f"{group}.{name}": value["value"] for group, values in outputs.items() for name, value in values.items()}
