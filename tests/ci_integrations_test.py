#!/usr/bin/env python3
"""action.yml: it parses, declares every input it uses, and its steps' commands work when run here
the way the runner would run them (expressions substituted, GITHUB_PATH and GITHUB_OUTPUT honoured).
Steps that `uses:` another action (the cache, the SARIF upload) are not run. Then the GitLab CI
template's script, with its variables, on testdata/project (its before_script clones, so is not run),
and the pre-commit hooks: ecconf-check checks the main files, not each changed file (pass_filenames:
false); ecconf-fmt runs `fmt --check` on each changed file.

Usage: tests/ci_integrations_test.py BUILD_DIR   (from the repository root; BUILD_DIR holds a built ecconf-check)
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def fail(message):
    print(f"ci_integrations: {message}", file=sys.stderr)
    sys.exit(1)


def check_declarations(action):
    if action["runs"]["using"] != "composite":
        fail("action.yml is not a composite action")
    inputs = action["inputs"]
    for name, spec in inputs.items():
        if not spec.get("description") or "default" not in spec:
            fail(f"input {name} lacks a description or a default")
    text = open(os.path.join(ROOT, "action.yml")).read()
    for used in set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text)):
        if used not in inputs:
            fail(f"inputs.{used} is used but not declared")
    return inputs


def run_steps(action, inputs, values, workdir, build):
    """Runs the `run:` steps in order; returns (exit status of the last step, output of all)."""
    given = {name: str(values.get(name, spec["default"])) for name, spec in inputs.items()}
    outputs = {}
    extra_path = []
    log = ""
    status = 0
    with tempfile.TemporaryDirectory() as scratch:
        github_path = os.path.join(scratch, "path")
        open(github_path, "w").close()
        for step in action["runs"]["steps"]:
            if "run" not in step:
                continue

            def value(match):
                expression = match.group(1)
                if expression.startswith("inputs."):
                    return given[expression[len("inputs."):]]
                found = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
                if found:
                    return outputs[found.group(1)][found.group(2)]
                fail(f"unexpected expression {expression}")

            env = dict(os.environ, GITHUB_ACTION_PATH=ROOT, GITHUB_PATH=github_path, ECCONF_BUILD_DIR=build)
            env["PATH"] = os.pathsep.join(extra_path + [env["PATH"]])
            output_file = os.path.join(scratch, "output")
            open(output_file, "w").close()
            env["GITHUB_OUTPUT"] = output_file
            for name, text in step.get("env", {}).items():
                env[name] = EXPRESSION.sub(value, str(text))
            done = subprocess.run(["bash", "-e", "-c", EXPRESSION.sub(value, step["run"])], cwd=workdir, env=env,
                                  capture_output=True, text=True)
            log += done.stdout + done.stderr
            status = done.returncode
            if "id" in step:
                outputs[step["id"]] = dict(line.split("=", 1) for line in open(output_file).read().splitlines())
            extra_path = [line for line in open(github_path).read().splitlines()]
            if status != 0:
                break
    return status, log


def main():
    build = os.path.abspath(sys.argv[1])
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml")))
    inputs = check_declarations(action)

    # Annotations on a broken file: the job fails with exit 1.
    status, log = run_steps(action, inputs, {"files": "testdata/cases/syntax-error/ecelerity.conf"}, ROOT, build)
    if status != 1 or "::error file=testdata/cases/syntax-error/ecelerity.conf,line=2," not in log:
        fail(f"format github on a syntax error: exit {status}\n{log}")
    if f"ecconf-check is {build}/ecconf-check" not in log:
        fail(f"the install step did not say where the command is\n{log}")

    # SARIF with the files and settings of .ecconf.toml: written, and the job passes.
    project = os.path.join(ROOT, "testdata", "project")
    with tempfile.TemporaryDirectory() as scratch:
        sarif = os.path.join(scratch, "out.sarif")
        status, log = run_steps(action, inputs, {"format": "sarif", "args": "--node mta2", "sarif-file": sarif}, project, build)
        if status != 0 or '"version":"2.1.0"' not in open(sarif).read().replace(" ", ""):
            fail(f"format sarif with .ecconf.toml: exit {status}\n{log}")
        # The same with mta1's cross-file-override, an error in that project: the job fails.
        status, log = run_steps(action, inputs, {"format": "sarif", "args": "--node mta1", "sarif-file": sarif}, project, build)
        if status != 1 or "cross-file-override" not in open(sarif).read():
            fail(f"format sarif on mta1: exit {status}\n{log}")
    status, log = run_steps(action, inputs, {"format": "yaml"}, ROOT, build)
    if status != 3 or "format must be github or sarif, not 'yaml'" not in log:
        fail(f"an unknown format: exit {status}\n{log}")
    check_gitlab_template(build, project)
    check_pre_commit_hook(build, project)
    print("ci_integrations: action.yml declares its inputs; its install and check steps, the GitLab template's script and the pre-commit hook work here")


def check_pre_commit_hook(build, project):
    hooks = {hook["id"]: hook for hook in yaml.safe_load(open(os.path.join(ROOT, ".pre-commit-hooks.yaml")))}
    if sorted(hooks) != ["ecconf-check", "ecconf-fmt"]:
        fail(f"the pre-commit hooks are {sorted(hooks)}, not ecconf-check and ecconf-fmt")
    hook = hooks["ecconf-check"]
    if hook["pass_filenames"] is not False or not re.search(hook["files"], "conf.d/10-domains.conf"):
        fail("the pre-commit hook passes file names, or does not run on a changed *.conf")
    # As pre-commit runs it: the entry and the user's args, no file names; .ecconf.toml names the files.
    done = subprocess.run([os.path.join(build, hook["entry"]), "--node", "mta1", "--format", "gcc"], cwd=project,
                          capture_output=True, text=True)
    if done.returncode != 1 or not done.stdout.startswith("conf/mta1/node.conf:4:3: error: "):
        fail(f"the pre-commit hook's command exited {done.returncode}: {done.stdout}")
    # ecconf-fmt: formatting is per file, so it gets the changed files' names after its args (--check).
    fmt = hooks["ecconf-fmt"]
    if fmt["pass_filenames"] is not True or not re.search(fmt["files"], "conf.d/10-domains.conf"):
        fail("the ecconf-fmt hook does not get the changed *.conf files")
    entry = fmt["entry"].split()
    command = [os.path.join(build, entry[0])] + entry[1:] + fmt["args"]
    with tempfile.TemporaryDirectory() as scratch:
        tidy = os.path.join(scratch, "tidy.conf")
        messy = os.path.join(scratch, "messy.conf")
        open(tidy, "w").write("a = 1\n")
        open(messy, "w").write("a=1\n")
        done = subprocess.run(command + [tidy], capture_output=True, text=True)
        if done.returncode != 0 or done.stdout != "":
            fail(f"the ecconf-fmt hook on a formatted file exited {done.returncode}: {done.stdout}")
        done = subprocess.run(command + [tidy, messy], capture_output=True, text=True)
        if done.returncode != 1 or done.stdout != messy + "\n":
            fail(f"the ecconf-fmt hook on an unformatted file exited {done.returncode}: {done.stdout}")


def check_gitlab_template(build, project):
    job = yaml.safe_load(open(os.path.join(ROOT, "ci", "ecconf-check.gitlab-ci.yml")))[".ecconf-check"]
    if "/tmp/ecconf/tools/ci-install" not in job["before_script"]:
        fail("the GitLab template does not install with tools/ci-install")
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, **{k: v for k, v in job["variables"].items() if not v.startswith("$")})
        env.update(ECCONF_ARGS="--node mta1", PATH=build + os.pathsep + os.environ["PATH"])
        subprocess.run(["cp", "-r", project + "/.", scratch], check=True)
        status = 0
        for command in job["script"]:
            status = subprocess.run(["sh", "-c", command], cwd=scratch, env=env, capture_output=True).returncode
        if status != 1:
            fail(f"the GitLab template's last command exited {status} on mta1, not 1")
        for artifact in job["artifacts"]["paths"]:
            if "cross-file-override" not in open(os.path.join(scratch, artifact)).read():
                fail(f"the artifact {artifact} lacks mta1's finding")


if __name__ == "__main__":
    main()
